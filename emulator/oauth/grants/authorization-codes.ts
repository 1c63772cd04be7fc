import type { Environment } from "../../environment";
import { Collection } from "../../storage/collection";
import type { AuthorizationRequest } from "../authorize/authorization-request";
import { pruneExpired } from "../prune-expired";
import { randomToken, sha256 } from "../../secrets";
import type { SignedInUser } from "./signed-in-user";

/** An issued code, stored under the digest of its value; it remembers the request it answers. */
export interface AuthorizationCodeRecord {
  id: string;
  request: AuthorizationRequest;
  user: SignedInUser;
  expires_at: number;
  redeemed: boolean;
}

export type Redemption =
  | { kind: "redeemable"; code: AuthorizationCodeRecord }
  | { kind: "unknown" }
  | { kind: "expired" }
  /** A second use: the tokens issued from the first must be revoked (RFC 6749 §4.1.2). */
  | { kind: "reused"; code: AuthorizationCodeRecord };

const KIND = "oauth_authorization_code";

function codes(env: Environment): Collection<AuthorizationCodeRecord> {
  return new Collection<AuthorizationCodeRecord>(env.db, KIND);
}

export function issueAuthorizationCode(env: Environment, request: AuthorizationRequest, user: SignedInUser, ttlSeconds: number): string {
  pruneExpired(env, KIND);
  const code = randomToken();
  codes(env).insert({ id: sha256(code), request, user, expires_at: nowSeconds() + ttlSeconds, redeemed: false });
  return code;
}

/** Marks the code used whatever happens next, so a code can be presented once, with or without the right verifier. */
export function redeemAuthorizationCode(env: Environment, code: string): Redemption {
  const record = codes(env).get(sha256(code));
  if (!record) return { kind: "unknown" };
  if (record.redeemed) return { kind: "reused", code: record };
  codes(env).update({ ...record, redeemed: true });
  return record.expires_at > nowSeconds() ? { kind: "redeemable", code: record } : { kind: "expired" };
}

function nowSeconds(): number {
  return Math.floor(Date.now() / 1000);
}
