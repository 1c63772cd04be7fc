import type { Environment } from "../../environment";
import { Collection } from "../../storage/collection";
import { pruneExpired } from "../prune-expired";
import { randomToken, sha256 } from "../../secrets";
import type { SignedInUser } from "./signed-in-user";

/**
 * A refresh token, stored under the digest of its value. Every token descends from one authorization
 * code (its family); rotation marks the presented token used, and presenting a used one again revokes
 * the whole family, the thief's tokens and the user's alike (OAuth 2.1 §4.3.1).
 */
export interface RefreshTokenRecord {
  id: string;
  family_id: string;
  client_id: string;
  resource_id: string;
  scopes: string[];
  user: SignedInUser;
  expires_at: number;
  status: "active" | "rotated" | "revoked";
}

export type RefreshTokenGrant = Omit<RefreshTokenRecord, "id" | "expires_at" | "status">;

export type Presented =
  | { kind: "active"; token: RefreshTokenRecord }
  | { kind: "unknown" }
  | { kind: "expired" }
  | { kind: "revoked" }
  | { kind: "reused" };

const KIND = "oauth_refresh_token";

function refreshTokens(env: Environment): Collection<RefreshTokenRecord> {
  return new Collection<RefreshTokenRecord>(env.db, KIND);
}

export function issueRefreshToken(env: Environment, grant: RefreshTokenGrant, ttlSeconds: number): string {
  pruneExpired(env, KIND);
  const token = `rt_${randomToken()}`;
  refreshTokens(env).insert({ ...grant, id: sha256(token), expires_at: nowSeconds() + ttlSeconds, status: "active" });
  return token;
}

/**
 * What a presented token is. Presenting one already rotated revokes its family; an active one is left
 * untouched, so a request refused for another reason does not cost the caller their token.
 */
export function inspectRefreshToken(env: Environment, token: string): Presented {
  const record = refreshTokens(env).get(sha256(token));
  if (!record) return { kind: "unknown" };
  if (record.status === "revoked") return { kind: "revoked" };
  if (record.status === "rotated") {
    revokeTokenFamily(env, record.family_id);
    return { kind: "reused" };
  }
  if (record.expires_at <= nowSeconds()) return { kind: "expired" };
  return { kind: "active", token: record };
}

/** Takes an accepted token out of use; the caller issues its successor in the same family. */
export function rotateRefreshToken(env: Environment, record: RefreshTokenRecord): void {
  refreshTokens(env).update({ ...record, status: "rotated" });
}

export function revokeTokenFamily(env: Environment, familyId: string): void {
  const store = refreshTokens(env);
  for (const record of store.findBy("family_id", familyId)) store.update({ ...record, status: "revoked" });
}

function nowSeconds(): number {
  return Math.floor(Date.now() / 1000);
}
