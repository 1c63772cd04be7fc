import type { FaultKind, ScriptableFaultKind } from "./faults/fault-plan";

export type { FaultKind, ScriptableFaultKind };

export interface EmulatorOptions {
  /** Default 0 (ephemeral). */
  port?: number;
  /** Default "127.0.0.1". */
  host?: string;
  /** SQLite file: durable across restarts. Omitted: in memory. */
  dataFile?: string;
  /** Every request is answered no sooner than this many milliseconds after it arrived. */
  latencyMs?: number;
  /** 0..1: probability that a /api/v1 request gets a random fault from `faultKinds`. */
  faultRate?: number;
  /** Default: all of them. */
  faultKinds?: FaultKind[];
  /** Requests per minute for /api/v1 (token bucket); exceeding it gives 429. */
  rateLimit?: number;
  /** Bucket size of the rate limiter; default about one second's worth of requests (1-10). */
  rateLimitBurst?: number;
  /** Include Retry-After on rate-limit 429s (default true). */
  rateLimitRetryAfter?: boolean;
  /** Seeds ids, generated credentials and the fault PRNG. */
  seed?: number;
  /** Environment API credentials; generated when absent (and persisted in `dataFile`). */
  clientId?: string;
  clientSecret?: string;
  /** Access-token lifetime, default 86399. */
  tokenTtlSeconds?: number;
  /** Admin-portal link lifetime, default 60. */
  portalLinkTtlSeconds?: number;
  /** Lifetime of the authorization codes `/oauth/authorize` gives MCP clients, default 60; 0 gives already-expired codes. */
  authorizationCodeTtlSeconds?: number;
  /** Lifetime of the refresh tokens of MCP servers registered without one, default 30 days. */
  refreshTokenTtlSeconds?: number;
  /**
   * How an ORGANIZATION_DOMAIN created through the API starts: "ADMIN" (default) verified at once, as
   * Scalekit documents since 2026-05; "DNS" pending a TXT record, as before (never verified here).
   */
  domainVerification?: "ADMIN" | "DNS";
  /**
   * The `iss` of MCP tokens: "environment" (default, what Scalekit issues today) or "resource"
   * (`{env}/resources/{res}`, the form Scalekit is migrating to).
   */
  mcpTokenIssuer?: "environment" | "resource";
  /**
   * Refuse a connection PATCH that does not name the connection's `type` and `provider` (and its
   * `key_id` when it has one). Every public caller sends them; whether Scalekit requires them is not
   * documented, so this is off by default and on where a test proves a client sends them.
   */
  strictConnectionUpdates?: boolean;
}

export interface RequestLogEntry {
  method: string;
  path: string;
  query: string;
  /** HTTP status; 0 when the connection was dropped without a response. */
  status: number;
  /** The injected fault, if any ("internal", "permission-denied" and "gone" only come from `scriptFault`). */
  fault?: ScriptableFaultKind;
  at: number;
}

export interface ScriptFaultOptions {
  kind: ScriptableFaultKind;
  /** How many matching requests get the fault (default 1). */
  times?: number;
  method?: string;
  /** Exact path or pattern. Without it only /api/v1 requests match. */
  path?: string | RegExp;
  /** Adds Retry-After to a 429/503 fault (rate-limit-retry-after defaults to 1). */
  retryAfterSeconds?: number;
}

export interface Emulator {
  url: string;
  clientId: string;
  clientSecret: string;
  /** Every request (incl. /oauth/token), in arrival order; no bodies, no headers. */
  requestLog: readonly RequestLogEntry[];
  clearRequestLog(): void;
  /** Deterministic: the next matching request(s) get this fault. */
  scriptFault(fault: ScriptFaultOptions): void;
  /** Every token issued so far becomes invalid. */
  revokeAllTokens(): void;
  /** New RS256 key with a new kid; the JWKS keeps the previous keys. */
  rotateSigningKey(): void;
  /** Emulator-only: MCP resources, their clients and tokens (what Scalekit's dashboard does). */
  mcp: McpAdmin;
  close(): Promise<void>;
}

/**
 * How a token names the granted scopes and the organization. "sdk": a `scopes` array and `oid`, what
 * Scalekit's SDK validators read (the default). "integrations": a space-separated `scope` and
 * `org_id`, what Scalekit-authored MCP integrations read. Which one Scalekit issues is not settled.
 */
export type ClaimStyle = "sdk" | "integrations";

/** What `POST /api/v1/resources` takes for an MCP server, in short. */
export interface McpResourceInput {
  /** The MCP server URL; tokens carry it in `aud`. Unique in the environment. */
  resourceUrl: string;
  /** Default: the URL. */
  displayName?: string;
  scopes?: string[];
  /** 60-86400, default 3600. */
  accessTokenTtlSeconds?: number;
  /** Default: the emulator's refresh-token lifetime (30 days). */
  refreshTokenTtlSeconds?: number;
  /** Default false: MCP clients may register themselves. */
  disableDynamicClientRegistration?: boolean;
}

export interface McpResource {
  id: string;
  displayName: string;
  resourceUrl: string;
  scopes: string[];
  accessTokenTtlSeconds: number;
  refreshTokenTtlSeconds: number;
  createTime: string;
  /** `{env}/resources/{id}`: the value of `authorization_servers` in the server's protected resource metadata. */
  authorizationServer: string;
  /** `{env}/.well-known/oauth-authorization-server/resources/{id}`. */
  metadataUrl: string;
}

export interface McpClientInput {
  resourceId: string;
  organizationId: string;
  /** Default: every scope of the resource. */
  scopes?: string[];
}

export interface McpClientCredentials {
  clientId: string;
  clientSecret: string;
  resourceId: string;
  organizationId: string;
  scopes: string[];
}

/** A token as an SSO sign-in through `/oauth/authorize` gives one, minted directly (tests of a server's token checks). */
export interface McpTokenInput {
  resourceId: string;
  organizationId: string;
  /** Default: a new `usr_…` id. */
  subject?: string;
  email?: string;
  /** Default: every scope of the resource. */
  scopes?: string[];
  clientId?: string;
  /** Default: the resource's lifetime. Negative: already expired, for testing a server's expiry check. */
  expiresInSeconds?: number;
  /** Default "sdk": `scopes` array and `oid`; "integrations": `scope` string and `org_id`. */
  claimStyle?: ClaimStyle;
  /** Default: the environment's (`mcpTokenIssuer`). */
  issuerForm?: "environment" | "resource";
}

export interface McpIssuedToken {
  accessToken: string;
  jti: string;
  expiresIn: number;
}

/** MCP servers from code: registration as `POST /api/v1/resources` does it, plus what only the dashboard does (M2M clients) and tokens for tests. */
export interface McpAdmin {
  registerResource(input: McpResourceInput): McpResource;
  getResource(id: string): McpResource | undefined;
  findResourceByUrl(resourceUrl: string): McpResource | undefined;
  /** A client-credentials client bound to an organization; exchange it at `POST /oauth/token`. */
  createClient(input: McpClientInput): McpClientCredentials;
  issueToken(input: McpTokenInput): Promise<McpIssuedToken>;
}
