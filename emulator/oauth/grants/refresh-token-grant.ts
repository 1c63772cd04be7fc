import type { ApiRequest, Reply } from "../../http/route-table";
import { mcpResources } from "../../mcp/lookup";
import type { ClientCredentials } from "../client-auth";
import { oauthError } from "../oauth-error";
import type { GrantHandler } from "../token-endpoint";
import { inspectRefreshToken, rotateRefreshToken } from "./refresh-tokens";
import { authenticateClientForGrant } from "./registered-client-auth";
import { userTokenReply } from "./user-tokens";

const REFUSALS = {
  unknown: "unknown refresh token",
  expired: "the refresh token expired",
  revoked: "the refresh token was revoked",
  reused: "the refresh token was already used; every token of this session is revoked",
} as const;

/**
 * `grant_type=refresh_token` (RFC 6749 §6) with rotation: each refresh token works once. Every check
 * runs before the token is rotated, and nothing is awaited in between, so a refused request leaves
 * the caller's token usable and two concurrent requests cannot both rotate it.
 */
export const refreshTokenGrant: GrantHandler = (request, form, credentials) => refresh(request, form, credentials);

async function refresh(request: ApiRequest, form: URLSearchParams, credentials: ClientCredentials | undefined): Promise<Reply> {
  const { env } = request;
  const auth = authenticateClientForGrant(env, form, credentials, "refresh_token");
  if (!auth.ok) return auth.reply;
  const { client } = auth;
  const presented = form.get("refresh_token");
  if (!presented) return oauthError(400, "invalid_request", "refresh_token is required");

  const inspected = inspectRefreshToken(env, presented);
  if (inspected.kind !== "active") return oauthError(400, "invalid_grant", REFUSALS[inspected.kind]);
  const { token } = inspected;
  if (token.client_id !== client.id) return oauthError(400, "invalid_grant", "the refresh token was issued to another client");
  const resource = mcpResources(env).get(token.resource_id);
  if (!resource) return oauthError(400, "invalid_grant", "the MCP resource of this session no longer exists");
  const target = form.get("resource");
  if (target !== null && target !== resource.resource_id) return oauthError(400, "invalid_target", `resource must be ${resource.resource_id}`);
  if (!env.organizations.get(token.user.organizationId)) return oauthError(400, "invalid_grant", "the user's organization no longer exists");

  const requested = form.get("scope")?.split(" ").filter((scope) => scope !== "");
  const wider = requested?.find((scope) => !token.scopes.includes(scope));
  if (wider !== undefined) return oauthError(400, "invalid_scope", `scope "${wider}" was not granted to this session`);
  const scopes = requested && requested.length > 0 ? [...new Set(requested)] : token.scopes;

  rotateRefreshToken(env, token);
  return userTokenReply(env, { client, resource, scopes, user: token.user, familyId: token.family_id });
}
