import { createHash } from "node:crypto";
import { secretsEqual } from "../../secrets";

/** RFC 7636 §4.1: 43–128 unreserved characters. */
const VERIFIER = /^[A-Za-z0-9\-._~]{43,128}$/;

export type PkceCheck = { ok: true } | { ok: false; description: string };

/** RFC 7636 §4.6 for S256, the only method this server accepts. */
export function checkCodeVerifier(verifier: string, challenge: string): PkceCheck {
  if (!VERIFIER.test(verifier)) return { ok: false, description: "code_verifier must be 43-128 unreserved characters (RFC 7636)" };
  const computed = createHash("sha256").update(verifier).digest("base64url");
  return secretsEqual(computed, challenge) ? { ok: true } : { ok: false, description: "code_verifier does not match the code_challenge of the authorization request" };
}
