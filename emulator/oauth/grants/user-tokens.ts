import type { Environment } from "../../environment";
import type { Reply } from "../../http/route-table";
import type { McpResourceRecord } from "../../mcp/record";
import { issueResourceToken } from "../../mcp/tokens";
import type { RegisteredClientRecord } from "../../mcp/registration/record";
import { scopeNamesOf } from "../../mcp/resources";
import { issueRefreshToken } from "./refresh-tokens";
import type { SignedInUser } from "./signed-in-user";

const ID_TOKEN_TTL_SECONDS = 3600;

export interface UserGrant {
  client: RegisteredClientRecord;
  resource: McpResourceRecord;
  /** Everything granted (resource scopes and OpenID scopes); the access token's `scopes` claim keeps the resource's. */
  scopes: string[];
  user: SignedInUser;
  /** The refresh-token family: the id of the authorization code the session started with. */
  familyId: string;
  nonce?: string;
}

/**
 * The token response after a sign-in or a refresh: an access token for the MCP resource (aud =
 * [server URL, resource id], sub, oid, email, client_id, scopes), an id_token for the client, and a
 * refresh token only when the client asked for `offline_access` (and registered the refresh_token
 * grant), as Scalekit issues them; it lives as long as the resource's `refresh_token_expiry`.
 */
export async function userTokenReply(env: Environment, grant: UserGrant): Promise<Reply> {
  const { client, resource, user } = grant;
  const resourceScopes = grant.scopes.filter((scope) => scopeNamesOf(resource).includes(scope));
  const access = await issueResourceToken(env, resource, {
    subject: user.userId,
    organizationId: user.organizationId,
    scopes: resourceScopes,
    clientId: client.id,
    email: user.email,
  });
  const idToken = await env.tokens.signAccessToken(
    {
      sub: user.userId,
      aud: client.id,
      oid: user.organizationId,
      email: user.email,
      email_verified: true,
      ...(user.name ? { name: user.name } : {}),
      ...(grant.nonce ? { nonce: grant.nonce } : {}),
    },
    { ttlSeconds: ID_TOKEN_TTL_SECONDS },
  );
  const offline = grant.scopes.includes("offline_access") && client.grant_types.includes("refresh_token");
  const refreshToken = offline
    ? issueRefreshToken(env, { family_id: grant.familyId, client_id: client.id, resource_id: resource.id, scopes: grant.scopes, user }, resource.refresh_token_expiry)
    : undefined;
  return {
    status: 200,
    json: {
      access_token: access.token,
      token_type: "Bearer",
      expires_in: access.expiresIn,
      scope: grant.scopes.join(" "),
      id_token: idToken.token,
      ...(refreshToken ? { refresh_token: refreshToken } : {}),
    },
    headers: { "cache-control": "no-store", pragma: "no-cache" },
  };
}
