import type { Environment } from "../../environment";
import type { Reply } from "../../http/route-table";
import { findRegisteredClient } from "../../mcp/registration/lookup";
import type { RegisteredClientRecord } from "../../mcp/registration/record";
import type { ClientCredentials } from "../client-auth";
import { oauthError } from "../oauth-error";

export type ClientAuthentication = { ok: true; client: RegisteredClientRecord } | { ok: false; reply: Reply };

/**
 * Identifies a registered MCP client at the token endpoint for one grant type. These clients are
 * public: they name themselves with `client_id` and prove nothing else (PKCE does); a client that
 * sends a secret is refused, as is one that did not register for the grant.
 */
export function authenticateClientForGrant(env: Environment, form: URLSearchParams, credentials: ClientCredentials | undefined, grantType: string): ClientAuthentication {
  if (credentials) return refused(credentials, "a public client must not send a client secret");
  const clientId = form.get("client_id");
  if (!clientId) return refused(undefined, "client_id is required");
  const client = findRegisteredClient(env, clientId);
  if (!client) return refused(undefined, `unknown client ${clientId}`);
  if (!client.grant_types.includes(grantType)) return { ok: false, reply: oauthError(400, "unauthorized_client", `the client is not registered for ${grantType}`) };
  return { ok: true, client };
}

function refused(credentials: ClientCredentials | undefined, description: string): ClientAuthentication {
  const challenge: Record<string, string> = credentials?.method === "client_secret_basic" ? { "www-authenticate": 'Basic realm="oauth"' } : {};
  return { ok: false, reply: oauthError(401, "invalid_client", description, challenge) };
}
