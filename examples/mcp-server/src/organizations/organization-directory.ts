import type { Logger } from "../log";

/** Looks up organization names through the Scalekit management API with the environment's client credentials. */
export interface OrganizationDirectory {
  /** The display name, or undefined when it can't be had (logged, never thrown). */
  displayName(organizationId: string): Promise<string | undefined>;
}

export interface ManagementClient {
  environmentUrl: string;
  clientId: string;
  clientSecret: string;
}

const TIMEOUT_MS = 5000;
const RENEW_BEFORE_EXPIRY_MS = 60_000;

export function createOrganizationDirectory(client: ManagementClient, log: Logger): OrganizationDirectory {
  let cached: { token: string; renewAt: number } | undefined;

  const accessToken = async (): Promise<string> => {
    if (cached && Date.now() < cached.renewAt) return cached.token;
    const res = await fetch(`${client.environmentUrl}/oauth/token`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ grant_type: "client_credentials", client_id: client.clientId, client_secret: client.clientSecret }),
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
    if (!res.ok) throw new Error(`token request answered ${res.status}`);
    const body = (await res.json()) as { access_token: string; expires_in: number };
    cached = { token: body.access_token, renewAt: Date.now() + body.expires_in * 1000 - RENEW_BEFORE_EXPIRY_MS };
    return cached.token;
  };

  return {
    async displayName(organizationId) {
      try {
        const res = await fetch(`${client.environmentUrl}/api/v1/organizations/${encodeURIComponent(organizationId)}`, {
          headers: { authorization: `Bearer ${await accessToken()}`, accept: "application/json" },
          signal: AbortSignal.timeout(TIMEOUT_MS),
        });
        if (res.status === 401) cached = undefined;
        if (!res.ok) throw new Error(`organization lookup answered ${res.status}`);
        const body = (await res.json()) as { organization?: { display_name?: string } };
        return body.organization?.display_name;
      } catch (err) {
        log.warn("organization_lookup_failed", { oid: organizationId, reason: (err as Error).message });
        return undefined;
      }
    },
  };
}
