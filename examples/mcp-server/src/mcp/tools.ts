import { addNoteTool, listNotesTool } from "./notes-tools";
import type { ToolDefinition } from "./tool-definition";
import { whoamiTool } from "./whoami-tool";

export const TOOLS: readonly ToolDefinition[] = [whoamiTool, listNotesTool, addNoteTool];

/** Every scope some tool needs; the protected resource metadata must advertise them. */
export const TOOL_SCOPES: readonly string[] = [...new Set(TOOLS.flatMap((tool) => (tool.scope ? [tool.scope] : [])))];

export function requiredScope(toolName: string): string | undefined {
  return TOOLS.find((tool) => tool.name === toolName)?.scope;
}
