import { createHash, randomBytes } from "node:crypto";

/** An unguessable one-time value (authorization codes, refresh tokens, login states and nonces). */
export function randomToken(bytes = 32): string {
  return randomBytes(bytes).toString("base64url");
}

/** What is stored instead of a bearer secret, so a leaked database does not leak usable codes or tokens. */
export function sha256(text: string): string {
  return createHash("sha256").update(text).digest("hex");
}
