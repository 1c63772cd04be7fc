import type { JWTPayload } from "jose";
import type { SignedToken } from "../auth/access-tokens";
import type { Environment } from "../environment";
import type { Reply } from "../http/route-table";
import type { McpResourceRecord } from "./record";

/** Who a resource token is for; every grant type that issues one (client credentials, later authorization code) fills this in. */
export interface ResourceTokenGrant {
  subject: string;
  organizationId: string;
  scopes: string[];
  clientId?: string;
  email?: string;
  /** Overrides the resource's access-token lifetime; a negative value gives an already-expired token. */
  expiresInSeconds?: number;
}

/**
 * An access token for an MCP resource, with the claims Scalekit documents: `iss` = the environment
 * URL, `aud` = [resource URL, resource id], `sub`, `oid`, a `scopes` array, and `client_id` / `email`
 * when known. `jti`, `iat`, `nbf` and `exp` come from the environment's token service.
 */
export function issueResourceToken(env: Environment, resource: McpResourceRecord, grant: ResourceTokenGrant): Promise<SignedToken> {
  const claims: JWTPayload = {
    sub: grant.subject,
    aud: [resource.resource_url, resource.id],
    oid: grant.organizationId,
    scopes: grant.scopes,
  };
  if (grant.clientId !== undefined) claims.client_id = grant.clientId;
  if (grant.email !== undefined) claims.email = grant.email;
  return env.tokens.signAccessToken(claims, { ttlSeconds: grant.expiresInSeconds ?? resource.access_token_ttl_seconds });
}

/** The RFC 6749 §5.1 token response for a resource token. */
export function resourceTokenReply(signed: SignedToken, scopes: string[]): Reply {
  return {
    status: 200,
    json: { access_token: signed.token, token_type: "Bearer", expires_in: signed.expiresIn, scope: scopes.join(" ") },
    headers: { "cache-control": "no-store", pragma: "no-cache" },
  };
}
