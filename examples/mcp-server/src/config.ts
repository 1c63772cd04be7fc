import { z } from "zod";
import { TOOL_SCOPES } from "./mcp/tools";

/** The MCP endpoint's path; the protected resource is `{PUBLIC_URL}/mcp`. */
export const MCP_PATH = "/mcp";

export interface ServerConfig {
  port: number;
  host: string;
  /** Scalekit environment URL without a trailing slash: the tokens' issuer and the home of `/keys`. */
  environmentUrl: string;
  resourceId: string;
  publicUrl: string;
  /** The resource identifier clients request tokens for: `{publicUrl}/mcp`. */
  resourceUrl: string;
  /** A token is accepted when its `aud` holds any of these. */
  audiences: string[];
  scopesSupported: string[];
  resourceDocumentation?: string;
  /** When set, only tokens of these organizations (`oid`) get through; for example the onboarded tenants. */
  allowedOrganizationIds?: string[];
  /** Environment API credentials, used only to show organization names in `whoami`. */
  managementClient?: { clientId: string; clientSecret: string };
  /** Least time between JWKS refetches caused by an unknown `kid`. */
  jwksCooldownSeconds: number;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`invalid configuration: ${problems.join("; ")}`);
  }
}

const httpUrl = z
  .url("must be an absolute URL")
  .refine((value) => /^https?:\/\//i.test(value), "must be an http or https URL")
  .transform((value) => value.replace(/\/+$/, ""));

const EnvSchema = z
  .object({
    PORT: z.coerce.number().int().min(1).max(65535).default(3002),
    HOST: z.string().default("0.0.0.0"),
    SK_ENV_URL: httpUrl,
    MCP_SERVER_ID: z.string().regex(/^res_[A-Za-z0-9]+$/, "must be a Scalekit resource id (res_…)"),
    PUBLIC_URL: httpUrl.optional(),
    EXPECTED_AUDIENCE: z.string().optional(),
    SCOPES_SUPPORTED: z.string().optional(),
    RESOURCE_DOCUMENTATION_URL: httpUrl.optional(),
    ALLOWED_ORGANIZATION_IDS: z.string().optional(),
    SK_CLIENT_ID: z.string().optional(),
    SK_CLIENT_SECRET: z.string().optional(),
    JWKS_COOLDOWN_SECONDS: z.coerce.number().min(0).default(30),
  })
  .refine((env) => (env.SK_CLIENT_ID === undefined) === (env.SK_CLIENT_SECRET === undefined), {
    message: "set both or neither of SK_CLIENT_ID and SK_CLIENT_SECRET",
    path: ["SK_CLIENT_SECRET"],
  });

/** Reads the server's settings from environment variables (names follow Scalekit's MCP demos); empty values count as unset. */
export function loadConfig(env: NodeJS.ProcessEnv): ServerConfig {
  const present = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined && value.trim() !== ""));
  const parsed = EnvSchema.safeParse(present);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((issue) => `${issue.path.join(".") || "environment"}: ${issue.message}`));
  }
  const vars = parsed.data;
  // offline_access: MCP clients ask for what the metadata lists, and Scalekit issues refresh tokens only to clients that ask for it.
  const scopesSupported = list(vars.SCOPES_SUPPORTED) ?? [...TOOL_SCOPES, "offline_access"];
  const missing = TOOL_SCOPES.filter((scope) => !scopesSupported.includes(scope));
  if (missing.length > 0) throw new ConfigError([`SCOPES_SUPPORTED: must include the scopes the tools need (${missing.join(", ")})`]);

  const publicUrl = vars.PUBLIC_URL ?? `http://localhost:${vars.PORT}`;
  const resourceUrl = `${publicUrl}${MCP_PATH}`;
  return {
    port: vars.PORT,
    host: vars.HOST,
    environmentUrl: vars.SK_ENV_URL,
    resourceId: vars.MCP_SERVER_ID,
    publicUrl,
    resourceUrl,
    audiences: [...new Set([vars.EXPECTED_AUDIENCE ?? resourceUrl, vars.MCP_SERVER_ID])],
    scopesSupported,
    resourceDocumentation: vars.RESOURCE_DOCUMENTATION_URL,
    allowedOrganizationIds: list(vars.ALLOWED_ORGANIZATION_IDS),
    managementClient: vars.SK_CLIENT_ID && vars.SK_CLIENT_SECRET ? { clientId: vars.SK_CLIENT_ID, clientSecret: vars.SK_CLIENT_SECRET } : undefined,
    jwksCooldownSeconds: vars.JWKS_COOLDOWN_SECONDS,
  };
}

/** A comma- or space-separated list; undefined when unset. */
function list(text: string | undefined): string[] | undefined {
  return text === undefined ? undefined : [...new Set(text.split(/[\s,]+/).filter(Boolean))];
}
