import { createHmac, randomBytes } from "node:crypto";

const SCHEME = "hmac-sha256";

/**
 * A keyed digest of a secret input (the OIDC client secret) kept in outputs instead of the secret: a
 * rotation still shows as a diff, and the state holds nothing that reveals the value.
 */
export function secretDigest(secret: string, salt: string = randomBytes(16).toString("base64url")): string {
  const mac = createHmac("sha256", salt).update(secret).digest("base64url");
  return `${SCHEME}:${salt}:${mac}`;
}

/** The digest of `secret` under the salt of an earlier digest, so an unchanged secret gives the same string. */
export function digestLike(previous: string | undefined, secret: string): string {
  const [scheme, salt] = (previous ?? "").split(":");
  return scheme === SCHEME && salt ? secretDigest(secret, salt) : secretDigest(secret);
}
