import type { RequestHandler } from "express";
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { StreamableHTTPServerTransport } from "@modelcontextprotocol/sdk/server/streamableHttp.js";
import type { ToolContext } from "./tool-definition";
import { TOOLS } from "./tools";

export const SERVER_INFO = { name: "scalekit-notes", version: "0.1.0" };

/**
 * Stateless Streamable HTTP: a server and transport per request, JSON responses, no sessions, so
 * any replica can answer any request and nothing outlives the request but the notes.
 */
export function mcpRequestHandler(context: ToolContext): RequestHandler {
  return async (req, res) => {
    const server = new McpServer(SERVER_INFO);
    for (const tool of TOOLS) tool.register(server, context);
    const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined, enableJsonResponse: true });
    res.on("close", () => {
      void transport.close();
      void server.close();
    });
    await server.connect(transport);
    await transport.handleRequest(req, res, req.body);
  };
}
