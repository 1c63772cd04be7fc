import type { RequestHandler } from "express";

/**
 * Browser-based MCP clients (such as the MCP Inspector) call the server cross-origin. Any origin is
 * fine: credentials are bearer tokens in a header, never cookies.
 */
export function cors(): RequestHandler {
  return (req, res, next) => {
    res.set({
      "Access-Control-Allow-Origin": "*",
      "Access-Control-Expose-Headers": "WWW-Authenticate, Mcp-Session-Id, Mcp-Protocol-Version",
    });
    if (req.method !== "OPTIONS") return next();
    res
      .set({
        "Access-Control-Allow-Methods": "GET, POST, DELETE, OPTIONS",
        "Access-Control-Allow-Headers": "Authorization, Content-Type, Mcp-Protocol-Version, Mcp-Session-Id, Last-Event-ID",
        "Access-Control-Max-Age": "600",
      })
      .status(204)
      .end();
  };
}
