import { createRemoteJWKSet, jwtVerify, type JWTPayload } from "jose";
import { IdpRefusedError, IdpUnavailableError } from "../idp-errors";
import type { OidcIdp } from "./idp-endpoints";

const CLOCK_TOLERANCE_SECONDS = 30;

/** OIDC Core §3.1.3.7: signature from the IdP's JWKS, `iss`, `aud` = our client id, `exp`, and the sign-in's nonce. */
export async function verifyIdToken(idp: OidcIdp, idToken: string, expected: { clientId: string; nonce: string }): Promise<JWTPayload> {
  let payload: JWTPayload;
  try {
    ({ payload } = await jwtVerify(idToken, createRemoteJWKSet(new URL(idp.jwksUri)), {
      issuer: idp.issuer,
      audience: expected.clientId,
      clockTolerance: CLOCK_TOLERANCE_SECONDS,
      requiredClaims: ["sub", "exp", "iat"],
    }));
  } catch (err) {
    const code = (err as { code?: string }).code ?? "";
    if (code === "ERR_JWKS_TIMEOUT" || (!code.startsWith("ERR_J") && !code.startsWith("ERR_JOSE"))) {
      throw new IdpUnavailableError(`the identity provider's keys at ${idp.jwksUri} could not be read (${(err as Error).message})`);
    }
    throw new IdpRefusedError(`the id_token from the identity provider is not valid: ${(err as Error).message}`);
  }
  if (payload.nonce !== expected.nonce) throw new IdpRefusedError("the id_token's nonce does not match the sign-in");
  return payload;
}
