import { connectionUrls } from "../../api/connections/wire";
import type { ApiRequest, Handler, Reply } from "../../http/route-table";
import type { AuthorizationServerSettings } from "../../oauth/settings";
import { IdpRefusedError, IdpUnavailableError } from "../idp-errors";
import { callIdpForJson } from "../idp-http";
import { routedLogin } from "../routed-login";
import { completeSignIn, failSignIn } from "../sign-in";
import { exchangeIdpCode } from "./idp-code-exchange";
import type { OidcIdp } from "./idp-endpoints";
import { verifyIdToken } from "./id-token";

/**
 * `GET /sso/v1/oidc/{connection}/callback`: the connection's redirect URI. The IdP's answer is checked
 * (error, RFC 9207 `iss`), its code exchanged on the back channel, the id_token verified, and the
 * sign-in completed with the email it asserts.
 */
export function oidcCallback(settings: AuthorizationServerSettings): Handler {
  return async (request: ApiRequest): Promise<Reply> => {
    const { env, query } = request;
    const routed = routedLogin(env, query.get("state"), request.params.id, "OIDC");
    if (routed.kind === "answered") return routed.reply;
    const { login, connection } = routed;
    const oidc = connection.oidc!;

    const idpError = query.get("error");
    if (idpError) {
      const description = query.get("error_description");
      return failSignIn(env, login, "access_denied", `the identity provider answered ${idpError}${description ? `: ${description}` : ""}`);
    }
    const code = query.get("code");
    if (!code || !login.oidc) return failSignIn(env, login, "access_denied", "the identity provider's answer has no code");
    try {
      const { idp } = login.oidc;
      const iss = query.get("iss");
      if (iss !== null && idp.issuer !== undefined && iss !== idp.issuer) {
        return failSignIn(env, login, "access_denied", `the answer comes from ${iss}, not from the connection's identity provider ${idp.issuer}`);
      }
      const redirectUri = connectionUrls(env, connection.id).oidcRedirectUri;
      const tokens = await exchangeIdpCode(idp, oidc, redirectUri, code, login.oidc.code_verifier);
      const claims = await verifyIdToken(idp, tokens.idToken, { clientId: oidc.strings.client_id ?? "", nonce: login.oidc.nonce });
      const asserted = typeof claims.email === "string" ? { email: claims.email, verified: claims.email_verified } : await userinfoEmail(idp, tokens.accessToken);
      if (!asserted?.email) return failSignIn(env, login, "access_denied", "the identity provider asserted no email address (ask for the email scope)");
      // The email routes the user to an organization: one the IdP says it did not verify proves nothing.
      if (asserted.verified === false || asserted.verified === "false") {
        return failSignIn(env, login, "access_denied", `the identity provider says ${asserted.email} is not verified (email_verified: false)`);
      }
      return completeSignIn(env, login, { email: asserted.email, name: typeof claims.name === "string" ? claims.name : undefined }, settings);
    } catch (err) {
      if (err instanceof IdpRefusedError) return failSignIn(env, login, "access_denied", err.message);
      if (err instanceof IdpUnavailableError) return failSignIn(env, login, "temporarily_unavailable", err.message);
      throw err;
    }
  };
}

/** IdPs that keep the id_token small (oidc-provider's default) give the email at userinfo only. */
async function userinfoEmail(idp: OidcIdp, accessToken: string | undefined): Promise<{ email: string; verified: unknown } | undefined> {
  if (!idp.userinfoEndpoint || !accessToken) return undefined;
  const claims = await callIdpForJson("userinfo endpoint", idp.userinfoEndpoint, { headers: { authorization: `Bearer ${accessToken}`, accept: "application/json" } });
  return typeof claims.email === "string" ? { email: claims.email, verified: claims.email_verified } : undefined;
}
