import { SignJWT, jwtVerify, errors as joseErrors, type JWTPayload } from "jose";
import { ApiError } from "../errors";
import type { IdGenerator } from "../ids";
import type { Database } from "../storage/database";
import type { SigningKeys } from "./signing-keys";

export interface SignOptions {
  /** Lifetime in seconds; defaults to the environment's access-token lifetime. */
  ttlSeconds?: number;
  /** `iss`; defaults to the environment URL. Only tokens with the default issuer reach the management API. */
  issuer?: string;
}

export interface SignedToken {
  token: string;
  jti: string;
  expiresIn: number;
}

/**
 * Issues and checks the environment's access tokens: RS256 JWTs with `iss` = environment URL and a
 * `jti` (`tkn_…`) that is recorded, so tokens can be revoked and survive a restart with a data file.
 */
export class AccessTokens {
  /** Tokens whose signature and issuer were checked once; expiry and revocation are checked every time. */
  private readonly verified = new Map<string, JWTPayload>();

  constructor(
    private readonly db: Database,
    private readonly keys: SigningKeys,
    private readonly ids: IdGenerator,
    private readonly issuer: () => string,
    private readonly defaultTtlSeconds: number,
  ) {}

  /** Signs `claims` with the current key, adding iss, iat, nbf, exp and jti. */
  async signAccessToken(claims: JWTPayload, options: SignOptions = {}): Promise<SignedToken> {
    const ttl = options.ttlSeconds ?? this.defaultTtlSeconds;
    const now = Math.floor(Date.now() / 1000);
    const jti = this.ids.next("tkn");
    const { kid, privateKey } = this.keys.current();
    const token = await new SignJWT({ ...claims, jti })
      .setProtectedHeader({ alg: "RS256", kid, typ: "JWT" })
      .setIssuer(options.issuer ?? this.issuer())
      .setIssuedAt(now)
      .setNotBefore(now)
      .setExpirationTime(now + ttl)
      .sign(privateKey);
    this.db.prepare("DELETE FROM access_tokens WHERE expires_at < ?").run(now);
    this.db.prepare("INSERT INTO access_tokens (jti, expires_at) VALUES (?, ?)").run(jti, now + ttl);
    return { token, jti, expiresIn: ttl };
  }

  /** Verifies signature, issuer, expiry and revocation; throws UNAUTHENTICATED otherwise. */
  async verifyAccessToken(token: string): Promise<JWTPayload> {
    const known = this.verified.get(token);
    if (known && (known.exp ?? 0) > Date.now() / 1000) return this.unrevoked(known);
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(
        token,
        (header) => {
          const key = header.kid ? this.keys.publicKey(header.kid) : undefined;
          if (!key) throw new joseErrors.JWKSNoMatchingKey();
          return key;
        },
        { issuer: this.issuer(), algorithms: ["RS256"] },
      ));
    } catch (err) {
      const expired = err instanceof joseErrors.JWTExpired;
      throw unauthenticated(expired ? "Token expired" : "Invalid token");
    }
    if (this.verified.size >= 10_000) this.verified.clear();
    this.verified.set(token, payload);
    return this.unrevoked(payload);
  }

  private unrevoked(payload: JWTPayload): JWTPayload {
    const row = this.db.prepare("SELECT revoked FROM access_tokens WHERE jti = ?").get(payload.jti ?? "") as
      | { revoked: number }
      | undefined;
    if (!row || row.revoked) throw unauthenticated("Token revoked");
    return payload;
  }

  revokeAll(): void {
    this.db.prepare("UPDATE access_tokens SET revoked = 1").run();
  }
}

export function unauthenticated(message: string): ApiError {
  return new ApiError("UNAUTHENTICATED", message);
}
