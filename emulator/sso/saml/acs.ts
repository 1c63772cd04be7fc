import type { ApiRequest, Handler, Reply } from "../../http/route-table";
import { errorPage } from "../../oauth/authorize/pages";
import type { AuthorizationServerSettings } from "../../oauth/settings";
import { IdpRefusedError, IdpUnavailableError } from "../idp-errors";
import { routedLogin } from "../routed-login";
import { completeSignIn, failSignIn } from "../sign-in";
import { assertedIdentity, checkAssertion, weakSignatureAlgorithm, type VerifiedResponse } from "./assertion-checks";
import { samlParties } from "./entities";

/** samlify's error codes, in words. */
const SAMLIFY_ERRORS: Record<string, string> = {
  FAILED_TO_VERIFY_SIGNATURE: "its signature does not verify with the connection's IdP certificate",
  ERROR_UNMATCH_CERTIFICATE_DECLARATION_IN_METADATA: "it is signed with a certificate the connection does not hold",
  ERR_POTENTIAL_WRAPPING_ATTACK: "it has the shape of a signature-wrapping attack",
  ERR_UNMATCH_ISSUER: "its issuer is not the connection's IdP entity id",
  ERR_SUBJECT_UNCONFIRMED: "it is outside its validity window (NotBefore / NotOnOrAfter)",
  ERR_EXPIRED_SESSION: "its session has expired",
  ERR_EXCEPTION_VALIDATE_XML: "it is not valid against the SAML 2.0 schema",
  ERR_INVALID_XML: "it is not well-formed XML",
};

/**
 * `POST /sso/v1/saml/{connection}/callback`: the connection's ACS URL. The response must be signed
 * with the connection's IdP certificate, pass samlify's issuer/time checks and our audience,
 * recipient and InResponseTo checks; then the sign-in completes with the asserted email.
 */
export function samlAcs(settings: AuthorizationServerSettings): Handler {
  return async (request: ApiRequest): Promise<Reply> => {
    const { env } = request;
    const form = new URLSearchParams(request.rawBody.toString("utf8"));
    const samlResponse = form.get("SAMLResponse");
    if (!samlResponse) return errorPage(400, "invalid_request", "No SAMLResponse was posted.");
    const relayState = form.get("RelayState");
    if (!relayState) return errorPage(400, "invalid_request", "IdP-initiated sign-in is not supported: the response carries no RelayState.");
    const routed = routedLogin(env, relayState, request.params.id, "SAML");
    if (routed.kind === "answered") return routed.reply;
    const { login, connection } = routed;
    if (!login.saml) return failSignIn(env, login, "access_denied", "this sign-in sent no AuthnRequest");

    try {
      const parties = await samlParties(env, connection);
      let response: VerifiedResponse;
      try {
        response = (await parties.sp.parseLoginResponse(parties.idp, "post", { body: { SAMLResponse: samlResponse, RelayState: relayState } })) as VerifiedResponse;
      } catch (err) {
        const message = (err as Error).message;
        const reason = SAMLIFY_ERRORS[message] ?? (message.startsWith("ERR_FAILED_STATUS") ? `the IdP did not sign the user in (${message})` : message);
        return failSignIn(env, login, "access_denied", `the SAML response was refused: ${reason}`);
      }
      const problem = weakSignatureAlgorithm(response.samlContent) ?? checkAssertion(response, parties, login.saml.request_id);
      if (problem) return failSignIn(env, login, "access_denied", `the SAML response was refused: ${problem}`);
      const identity = assertedIdentity(response);
      if (!identity.email) return failSignIn(env, login, "access_denied", "the SAML assertion carries no email (NameID or email attribute)");
      return completeSignIn(env, login, { email: identity.email, name: identity.name }, settings);
    } catch (err) {
      if (err instanceof IdpRefusedError) return failSignIn(env, login, "access_denied", err.message);
      if (err instanceof IdpUnavailableError) return failSignIn(env, login, "temporarily_unavailable", err.message);
      throw err;
    }
  };
}
