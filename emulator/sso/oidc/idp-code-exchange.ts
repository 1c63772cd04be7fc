import type { OidcSettings } from "../../api/connections/record";
import { IdpRefusedError } from "../idp-errors";
import { callIdpForJson } from "../idp-http";
import type { OidcIdp } from "./idp-endpoints";

export interface IdpTokens {
  idToken: string;
  accessToken?: string;
}

/**
 * The back channel: the IdP's code for tokens at its token endpoint, authenticated with the
 * connection's client credentials (HTTP Basic unless `token_auth_type` is URL_PARAMS), with the PKCE
 * verifier when the sign-in sent a challenge.
 */
export async function exchangeIdpCode(idp: OidcIdp, settings: OidcSettings, redirectUri: string, code: string, codeVerifier?: string): Promise<IdpTokens> {
  const clientId = settings.strings.client_id ?? "";
  const clientSecret = settings.strings.client_secret ?? "";
  const form = new URLSearchParams({ grant_type: "authorization_code", code, redirect_uri: redirectUri });
  if (codeVerifier) form.set("code_verifier", codeVerifier);
  const headers: Record<string, string> = { "content-type": "application/x-www-form-urlencoded", accept: "application/json" };
  if (settings.token_auth_type === "URL_PARAMS") {
    form.set("client_id", clientId);
    form.set("client_secret", clientSecret);
  } else {
    headers.authorization = `Basic ${Buffer.from(`${formEncode(clientId)}:${formEncode(clientSecret)}`).toString("base64")}`;
  }
  const body = await callIdpForJson("token endpoint", idp.tokenEndpoint, { method: "POST", headers, body: form.toString() });
  if (typeof body.id_token !== "string") throw new IdpRefusedError("the identity provider's token response has no id_token");
  return { idToken: body.id_token, accessToken: typeof body.access_token === "string" ? body.access_token : undefined };
}

/** RFC 6749 §2.3.1: client id and secret are form-encoded before Basic encoding. */
function formEncode(value: string): string {
  return encodeURIComponent(value).replace(/%20/g, "+");
}
