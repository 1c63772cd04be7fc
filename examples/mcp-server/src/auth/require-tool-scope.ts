import type { RequestHandler } from "express";
import { requiredScope } from "../mcp/tools";
import type { BearerChallenge } from "./challenge";

/**
 * Refuses a `tools/call` for a tool outside the token's scopes with 403 insufficient_scope, before
 * the MCP transport runs: the status and challenge tell a client which scope to ask for.
 */
export function requireToolScope(challenge: BearerChallenge): RequestHandler {
  return (req, res, next) => {
    const messages: unknown[] = Array.isArray(req.body) ? req.body : [req.body];
    for (const message of messages) {
      const toolName = toolCalled(message);
      if (toolName === undefined) continue;
      res.locals.logFields.tool = toolName;
      const scope = requiredScope(toolName);
      if (scope !== undefined && !req.auth?.scopes.includes(scope)) return challenge.insufficientScope(res, scope);
    }
    next();
  };
}

function toolCalled(message: unknown): string | undefined {
  if (typeof message !== "object" || message === null) return undefined;
  const { method, params } = message as { method?: unknown; params?: { name?: unknown } };
  return method === "tools/call" && typeof params?.name === "string" ? params.name : undefined;
}
