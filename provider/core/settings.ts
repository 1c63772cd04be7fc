import { parseEnvironmentUrl } from "./environment-url";

export interface ClientSettings {
  environmentUrl: string;
  clientId: string;
  clientSecret: string;
  /** Process-wide cap on management API requests; unlimited when absent. */
  requestsPerMinute?: number;
}

/** Reads a configuration value by its full key, e.g. "scalekit:clientId". */
export type ConfigLookup = (key: string) => string | undefined;

const SETTINGS = {
  environmentUrl: { key: "scalekit:environmentUrl", env: "SCALEKIT_ENVIRONMENT_URL" },
  clientId: { key: "scalekit:clientId", env: "SCALEKIT_CLIENT_ID" },
  clientSecret: { key: "scalekit:clientSecret", env: "SCALEKIT_CLIENT_SECRET" },
  requestsPerMinute: { key: "scalekit:requestsPerMinute", env: "SCALEKIT_REQUESTS_PER_MINUTE" },
} as const;

/** The three settings a Scalekit environment needs, each with its config key and environment variable. */
export const CREDENTIAL_SETTINGS = [SETTINGS.environmentUrl, SETTINGS.clientId, SETTINGS.clientSecret] as const;

/**
 * Management API settings from stack config, falling back to SCALEKIT_* environment variables.
 * Errors name both sources and never include a value.
 */
export function resolveClientSettings(lookup: ConfigLookup, env: NodeJS.ProcessEnv = process.env): ClientSettings {
  const read = (name: keyof typeof SETTINGS) => {
    const { key, env: variable } = SETTINGS[name];
    const value = lookup(key) ?? env[variable];
    return value === undefined || value.trim() === "" ? undefined : value.trim();
  };
  const missing = (["environmentUrl", "clientId", "clientSecret"] as const).filter((name) => read(name) === undefined);
  if (missing.length) {
    const names = missing.map((name) => `${SETTINGS[name].key} (or ${SETTINGS[name].env})`);
    throw new Error(
      `Scalekit credentials are not configured: missing ${names.join(", ")}. ` +
        "Set them with `pulumi config set scalekit:environmentUrl https://<env>.scalekit.dev`, " +
        "`pulumi config set scalekit:clientId <id>` and `pulumi config set --secret scalekit:clientSecret <secret>`.",
    );
  }
  const rate = read("requestsPerMinute");
  const requestsPerMinute = rate === undefined ? undefined : Number(rate);
  if (requestsPerMinute !== undefined && !(requestsPerMinute > 0)) {
    throw new Error(`${SETTINGS.requestsPerMinute.key} must be a positive number of requests per minute`);
  }
  return {
    environmentUrl: parseEnvironmentUrl(read("environmentUrl")!),
    clientId: read("clientId")!,
    clientSecret: read("clientSecret")!,
    requestsPerMinute,
  };
}
