import { registerConnectionRoutes } from "./api/connections/routes";
import { registerDomainRoutes } from "./api/domains/routes";
import { registerOrganizationRoutes } from "./api/organizations/routes";
import { registerRequestLogRoute } from "./admin/request-log-route";
import { registerPortalLinkRoutes } from "./api/portal-links/routes";
import { Environment } from "./environment";
import { ALL_FAULT_KINDS, FaultPlan } from "./faults/fault-plan";
import { defaultBurst, RateLimiter } from "./faults/rate-limiter";
import { RouteTable } from "./http/route-table";
import { createMcpAdmin } from "./mcp/admin";
import { AuthorizationServerFeatures } from "./mcp/metadata";
import { registerMcpRoutes } from "./mcp/routes";
import { registerAuthorizationServer } from "./authorization-server";
import { registerJwksEndpoint } from "./oauth/jwks-endpoint";
import { DEFAULT_AUTHORIZATION_CODE_TTL_SECONDS, DEFAULT_REFRESH_TOKEN_TTL_SECONDS } from "./oauth/settings";
import { GrantRegistry, registerTokenEndpoint } from "./oauth/token-endpoint";
import { EmulatorServer } from "./server";
import type { Emulator, EmulatorOptions } from "./types";

export type {
  ClaimStyle,
  Emulator,
  EmulatorOptions,
  FaultKind,
  McpAdmin,
  McpClientCredentials,
  McpClientInput,
  McpIssuedToken,
  McpResource,
  McpResourceInput,
  McpTokenInput,
  RequestLogEntry,
  ScriptFaultOptions,
  ScriptableFaultKind,
} from "./types";

/**
 * Starts a local Scalekit-compatible environment: management API, /oauth/token, /keys, MCP resources,
 * and the sign-in of MCP clients' users through their organization's SSO connection.
 */
export async function startEmulator(options: EmulatorOptions = {}): Promise<Emulator> {
  const env = new Environment({
    dataFile: options.dataFile,
    seed: options.seed,
    clientId: options.clientId,
    clientSecret: options.clientSecret,
    tokenTtlSeconds: options.tokenTtlSeconds ?? 86399,
    portalLinkTtlSeconds: options.portalLinkTtlSeconds ?? 60,
    domainVerification: options.domainVerification ?? "ADMIN",
    mcpTokenIssuer: options.mcpTokenIssuer ?? "environment",
    defaultRefreshTokenExpirySeconds: options.refreshTokenTtlSeconds ?? DEFAULT_REFRESH_TOKEN_TTL_SECONDS,
    strictConnectionUpdates: options.strictConnectionUpdates ?? false,
  });
  const routes = new RouteTable();
  const grants = new GrantRegistry();
  // What MCP resources' metadata advertises; features that add grants or DCR switch theirs on here.
  const mcpFeatures = new AuthorizationServerFeatures();
  registerTokenEndpoint(routes, grants);
  registerJwksEndpoint(routes);
  registerOrganizationRoutes(routes);
  registerDomainRoutes(routes);
  registerConnectionRoutes(routes);
  registerPortalLinkRoutes(routes);
  registerMcpRoutes(routes, mcpFeatures);
  registerAuthorizationServer(routes, grants, mcpFeatures, {
    authorizationCodeTtlSeconds: options.authorizationCodeTtlSeconds ?? DEFAULT_AUTHORIZATION_CODE_TTL_SECONDS,
  });

  const rateLimit = options.rateLimit;
  const server = new EmulatorServer(env, routes, {
    latencyMs: options.latencyMs ?? 0,
    faults: new FaultPlan(options.seed ?? env.seed, options.faultRate ?? 0, options.faultKinds ?? ALL_FAULT_KINDS),
    rateLimiter: rateLimit ? new RateLimiter(rateLimit, options.rateLimitBurst ?? defaultBurst(rateLimit)) : undefined,
    rateLimitRetryAfter: options.rateLimitRetryAfter ?? true,
  });
  registerRequestLogRoute(routes, () => server.requestLog);
  const host = options.host ?? "127.0.0.1";
  let address;
  try {
    address = await server.listen(options.port ?? 0, host);
  } catch (err) {
    env.close();
    throw err;
  }
  env.url = `http://${urlHost(host)}:${address.port}`;

  let closed: Promise<void> | undefined;
  return {
    url: env.url,
    clientId: env.clientId,
    clientSecret: env.clientSecret,
    requestLog: server.requestLog,
    clearRequestLog: () => {
      server.requestLog.length = 0;
    },
    scriptFault: (fault) => server.faults.script(fault),
    revokeAllTokens: () => env.tokens.revokeAll(),
    rotateSigningKey: () => env.keys.rotate(),
    mcp: createMcpAdmin(env),
    close: () => (closed ??= server.close().finally(() => env.close())),
  };
}

function urlHost(host: string): string {
  if (host === "0.0.0.0" || host === "::") return "127.0.0.1";
  return host.includes(":") ? `[${host}]` : host;
}
