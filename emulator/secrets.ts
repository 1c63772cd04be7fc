import { createHash, randomBytes, randomUUID, timingSafeEqual } from "node:crypto";

/*
 * Every secret the emulator hands out comes from the operating system's CSPRNG, whatever the seed:
 * the seed fixes ids (which are public, `/keys` shows a kid), so nothing derived from it may be secret.
 */

const BASE62 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

/** An unguessable one-time value (authorization codes, refresh tokens, login states and nonces). */
export function randomToken(bytes = 32): string {
  return randomBytes(bytes).toString("base64url");
}

/** `length` random base62 characters (client secrets, TXT verification values). */
export function randomSecret(length: number): string {
  let out = "";
  while (out.length < length) {
    for (const byte of randomBytes(length)) {
      // 248 = 4 × 62: dropping the bytes above keeps every character equally likely.
      if (byte < 248 && out.length < length) out += BASE62[byte % 62];
    }
  }
  return out;
}

/** A random v4 UUID (the secret part of an admin portal link). */
export function randomUuid(): string {
  return randomUUID();
}

/** What is stored instead of a bearer secret, so a leaked database does not leak usable codes or tokens. */
export function sha256(text: string): string {
  return createHash("sha256").update(text).digest("hex");
}

export function secretsEqual(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}
