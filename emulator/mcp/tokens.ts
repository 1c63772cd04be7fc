import type { JWTPayload } from "jose";
import type { SignedToken } from "../auth/access-tokens";
import type { Environment, McpTokenIssuer } from "../environment";
import type { Reply } from "../http/route-table";
import type { ClaimStyle } from "../types";
import { authorizationServerUrl } from "./lookup";
import type { McpResourceRecord } from "./record";

/** Who a resource token is for; every grant type that issues one (client credentials, authorization code) fills this in. */
export interface ResourceTokenGrant {
  subject: string;
  organizationId: string;
  scopes: string[];
  clientId?: string;
  email?: string;
  /** Overrides the resource's access-token lifetime; a negative value gives an already-expired token. */
  expiresInSeconds?: number;
  claimStyle?: ClaimStyle;
  /** Overrides the environment's issuer form for this token. */
  issuerForm?: McpTokenIssuer;
}

/**
 * An access token for an MCP resource: `iss` = the environment URL, or `{env}/resources/{res}` when
 * the environment issues that form (Scalekit is migrating to it); `aud` = [server URL, resource id];
 * `sub`, the organization and the scopes, and `client_id` / `email` when known. `jti`, `iat`, `nbf`
 * and `exp` come from the environment's token service.
 */
export function issueResourceToken(env: Environment, resource: McpResourceRecord, grant: ResourceTokenGrant): Promise<SignedToken> {
  const claims: JWTPayload = {
    sub: grant.subject,
    aud: [resource.resource_id, resource.id],
    ...(grant.claimStyle === "integrations" ? { org_id: grant.organizationId, scope: grant.scopes.join(" ") } : { oid: grant.organizationId, scopes: grant.scopes }),
  };
  if (grant.clientId !== undefined) claims.client_id = grant.clientId;
  if (grant.email !== undefined) claims.email = grant.email;
  return env.tokens.signAccessToken(claims, {
    ttlSeconds: grant.expiresInSeconds ?? resource.access_token_expiry,
    issuer: resourceTokenIssuer(env, resource, grant.issuerForm),
  });
}

/** The `iss` of the environment's tokens for this resource. */
function resourceTokenIssuer(env: Environment, resource: McpResourceRecord, form: McpTokenIssuer = env.mcpTokenIssuer): string {
  return form === "resource" ? authorizationServerUrl(env, resource.id) : env.url;
}

/** The RFC 6749 §5.1 token response for a resource token. */
export function resourceTokenReply(signed: SignedToken, scopes: string[]): Reply {
  return {
    status: 200,
    json: { access_token: signed.token, token_type: "Bearer", expires_in: signed.expiresIn, scope: scopes.join(" ") },
    headers: { "cache-control": "no-store", pragma: "no-cache" },
  };
}
