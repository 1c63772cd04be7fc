import type { Environment } from "../../environment";
import type { Reply } from "../../http/route-table";
import { secretsEqual, type ClientCredentials } from "../client-auth";
import { oauthError } from "../oauth-error";
import { findRegisteredClient } from "../registration/lookup";
import type { RegisteredClientRecord } from "../registration/record";
import { sha256 } from "../secrets";

export type ClientAuthentication = { ok: true; client: RegisteredClientRecord } | { ok: false; reply: Reply };

/**
 * Authenticates a dynamically registered client at the token endpoint for one grant type: a public
 * client (`token_endpoint_auth_method: none`) names itself with `client_id`; a confidential one proves
 * its secret; either must have registered for the grant.
 */
export function authenticateClientForGrant(env: Environment, form: URLSearchParams, credentials: ClientCredentials | undefined, grantType: string): ClientAuthentication {
  const auth = authenticateRegisteredClient(env, form, credentials);
  if (auth.ok && !auth.client.grant_types.includes(grantType)) {
    return { ok: false, reply: oauthError(400, "unauthorized_client", `the client is not registered for ${grantType}`) };
  }
  return auth;
}

function authenticateRegisteredClient(env: Environment, form: URLSearchParams, credentials: ClientCredentials | undefined): ClientAuthentication {
  const formClientId = form.get("client_id");
  if (credentials && formClientId !== null && formClientId !== credentials.clientId) {
    return refused(credentials, "client_id in the form differs from the authenticated client");
  }
  const clientId = credentials?.clientId ?? formClientId;
  if (!clientId) return { ok: false, reply: oauthError(401, "invalid_client", "client_id is required") };
  const client = findRegisteredClient(env, clientId);
  if (!client) return refused(credentials, `unknown client ${clientId}`);
  if (client.token_endpoint_auth_method === "none") {
    return credentials ? refused(credentials, "a public client must not send a client secret") : { ok: true, client };
  }
  if (!credentials || !client.secret_sha256 || !secretsEqual(sha256(credentials.clientSecret), client.secret_sha256)) {
    return refused(credentials, "client authentication failed: missing or wrong client secret");
  }
  return { ok: true, client };
}

function refused(credentials: ClientCredentials | undefined, description: string): ClientAuthentication {
  const challenge: Record<string, string> = credentials?.method === "client_secret_basic" ? { "www-authenticate": 'Basic realm="oauth"' } : {};
  return { ok: false, reply: oauthError(401, "invalid_client", description, challenge) };
}
