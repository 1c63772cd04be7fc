import type { ApiRequest, Reply } from "../../http/route-table";
import { mcpResources } from "../../mcp/lookup";
import type { ClientCredentials } from "../client-auth";
import { oauthError } from "../oauth-error";
import { redeemAuthorizationCode } from "./authorization-codes";
import { checkCodeVerifier } from "./pkce";
import { revokeTokenFamily } from "./refresh-tokens";
import { authenticateClientForGrant } from "./registered-client-auth";
import { userTokenReply } from "./user-tokens";
import type { GrantHandler } from "../token-endpoint";
import { sha256 } from "../../secrets";

/**
 * `grant_type=authorization_code` (RFC 6749 §4.1.3 + RFC 7636 + RFC 8707): the code is single use and
 * short-lived, bound to the client, the exact redirect URI, the PKCE challenge and the resource.
 */
export const authorizationCodeGrant: GrantHandler = (request, form, credentials) => exchangeCode(request, form, credentials);

async function exchangeCode(request: ApiRequest, form: URLSearchParams, credentials: ClientCredentials | undefined): Promise<Reply> {
  const { env } = request;
  const auth = authenticateClientForGrant(env, form, credentials, "authorization_code");
  if (!auth.ok) return auth.reply;
  const { client } = auth;
  const code = form.get("code");
  const verifier = form.get("code_verifier");
  const redirectUri = form.get("redirect_uri");
  if (!code) return oauthError(400, "invalid_request", "code is required");
  if (!verifier) return oauthError(400, "invalid_request", "code_verifier is required: this server requires PKCE");

  const redemption = redeemAuthorizationCode(env, code);
  if (redemption.kind === "unknown") return oauthError(400, "invalid_grant", "unknown authorization code");
  if (redemption.kind === "expired") return oauthError(400, "invalid_grant", "the authorization code expired");
  if (redemption.kind === "reused") {
    revokeTokenFamily(env, redemption.code.id);
    return oauthError(400, "invalid_grant", "the authorization code was already used; the tokens issued for it are revoked");
  }
  const { request: authorization, user } = redemption.code;
  if (authorization.clientId !== client.id) return oauthError(400, "invalid_grant", "the authorization code was issued to another client");
  if (redirectUri !== authorization.redirectUri) return oauthError(400, "invalid_grant", "redirect_uri differs from the one of the authorization request");
  const pkce = checkCodeVerifier(verifier, authorization.codeChallenge);
  if (!pkce.ok) return oauthError(400, "invalid_grant", pkce.description);

  const resource = mcpResources(env).get(authorization.resourceId);
  if (!resource) return oauthError(400, "invalid_grant", "the MCP resource of this authorization no longer exists");
  const target = form.get("resource");
  if (target !== null && target !== resource.resource_id) return oauthError(400, "invalid_target", `resource must be ${resource.resource_id}`);
  if (!env.organizations.get(user.organizationId)) return oauthError(400, "invalid_grant", "the user's organization no longer exists");

  return userTokenReply(env, { client, resource, scopes: authorization.scopes, user, familyId: sha256(code), nonce: authorization.nonce });
}
