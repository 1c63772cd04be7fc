import type { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import type { CallToolResult } from "@modelcontextprotocol/sdk/types.js";
import type { NotesStore } from "../notes/notes-store";
import type { OrganizationDirectory } from "../organizations/organization-directory";

export interface ToolContext {
  notes: NotesStore;
  organizations?: OrganizationDirectory;
}

export interface ToolDefinition {
  name: string;
  /** The scope a token needs to call the tool; none: any valid token. */
  scope?: string;
  register(server: McpServer, context: ToolContext): void;
}

/** A result with structured content and, for clients that only read text, the same as JSON text. */
export function structuredResult(structuredContent: Record<string, unknown>): CallToolResult {
  return { structuredContent, content: [{ type: "text", text: JSON.stringify(structuredContent) }] };
}

export function errorResult(message: string): CallToolResult {
  return { isError: true, content: [{ type: "text", text: message }] };
}
