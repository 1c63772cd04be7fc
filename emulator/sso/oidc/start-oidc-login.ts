import { createHash } from "node:crypto";
import { connectionUrls } from "../../api/connections/wire";
import type { ConnectionRecord } from "../../api/connections/record";
import type { Environment } from "../../environment";
import type { Reply } from "../../http/route-table";
import { redirectTo } from "../../oauth/authorize/client-redirect";
import { randomToken } from "../../secrets";
import type { LoginTransactionRecord } from "../login-transactions";
import { resolveOidcIdp } from "./idp-endpoints";

const DEFAULT_SCOPES = ["openid", "email", "profile"];

/**
 * The browser leg to the IdP: an OIDC authorization request from the connection's client, with the
 * connection's redirect URI, the sign-in's id as `state`, a fresh nonce, the email as `login_hint`,
 * and PKCE when the connection enables it.
 */
export async function startOidcLogin(env: Environment, login: LoginTransactionRecord, connection: ConnectionRecord): Promise<{ login: LoginTransactionRecord; reply: Reply }> {
  const settings = connection.oidc!;
  const idp = await resolveOidcIdp(settings);
  const nonce = randomToken();
  const codeVerifier = settings.flags.pkce_enabled ? randomToken(48) : undefined;
  const scopes = settings.scopes.length > 0 ? settings.scopes : DEFAULT_SCOPES;
  const url = new URL(idp.authorizationEndpoint);
  const params: Record<string, string | undefined> = {
    response_type: "code",
    client_id: settings.strings.client_id,
    redirect_uri: connectionUrls(env, connection.id).oidcRedirectUri,
    scope: [...new Set(["openid", ...scopes])].join(" "),
    state: login.id,
    nonce,
    login_hint: login.email,
    code_challenge: codeVerifier && createHash("sha256").update(codeVerifier).digest("base64url"),
    code_challenge_method: codeVerifier && "S256",
  };
  for (const [name, value] of Object.entries(params)) if (value !== undefined) url.searchParams.set(name, value);
  return { login: { ...login, oidc: { idp, nonce, ...(codeVerifier ? { code_verifier: codeVerifier } : {}) } }, reply: redirectTo(url.toString()) };
}
