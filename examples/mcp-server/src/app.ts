import express, { type ErrorRequestHandler, type Express } from "express";
import { createTokenVerifier, type TokenVerifier } from "./auth/access-token";
import { BearerChallenge } from "./auth/challenge";
import { requireBearerToken } from "./auth/require-bearer";
import { requireAllowedOrganization } from "./auth/require-organization";
import { requireToolScope } from "./auth/require-tool-scope";
import { MCP_PATH, type ServerConfig } from "./config";
import { cors } from "./cors";
import type { Logger } from "./log";
import { mcpRequestHandler } from "./mcp/handler";
import { NotesStore } from "./notes/notes-store";
import { createOrganizationDirectory } from "./organizations/organization-directory";
import { PROTECTED_RESOURCE_PATH, protectedResourceMetadata, protectedResourceMetadataUrl } from "./protected-resource";
import { requestLog } from "./request-log";

export interface AppDependencies {
  log: Logger;
  notes?: NotesStore;
  verifyToken?: TokenVerifier;
}

export function createApp(config: ServerConfig, deps: AppDependencies): Express {
  const { log } = deps;
  const verifyToken = deps.verifyToken ?? createTokenVerifier(config);
  const challenge = new BearerChallenge(protectedResourceMetadataUrl(config));
  const organizations = config.managementClient && createOrganizationDirectory({ environmentUrl: config.environmentUrl, ...config.managementClient }, log);
  const metadata = protectedResourceMetadata(config);

  const app = express();
  app.disable("x-powered-by");
  app.use(requestLog(log), cors());
  app.get("/healthz", (_req, res) => {
    res.json({ status: "ok" });
  });
  // The root form is what the 401 challenge names; the path-suffixed one is what clients try first without it.
  app.get([PROTECTED_RESOURCE_PATH, `${PROTECTED_RESOURCE_PATH}${MCP_PATH}`], (_req, res) => {
    res.json(metadata);
  });
  app.all(MCP_PATH, requireBearerToken(verifyToken, challenge, log));
  if (config.allowedOrganizationIds) app.all(MCP_PATH, requireAllowedOrganization(config.allowedOrganizationIds));
  app.post(MCP_PATH, express.json({ limit: "1mb" }), requireToolScope(challenge), mcpRequestHandler({ notes: deps.notes ?? new NotesStore(), organizations }));
  app.all(MCP_PATH, (_req, res) => {
    // Stateless: no standalone SSE stream (GET) and no session to end (DELETE).
    res.status(405).set("Allow", "POST").json({ jsonrpc: "2.0", error: { code: -32000, message: "Method not allowed" }, id: null });
  });
  app.use(errorHandler(log));
  return app;
}

function errorHandler(log: Logger): ErrorRequestHandler {
  return (err, _req, res, _next) => {
    const parseError = (err as { type?: string }).type === "entity.parse.failed";
    if (!parseError) log.error("unhandled_error", { reason: (err as Error).message });
    if (res.headersSent) return;
    const [status, error] = parseError ? [400, { code: -32700, message: "Parse error" }] : [500, { code: -32603, message: "Internal error" }];
    res.status(status).json({ jsonrpc: "2.0", error, id: null });
  };
}
