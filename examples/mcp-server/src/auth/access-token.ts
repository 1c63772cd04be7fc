import { createRemoteJWKSet, errors, jwtVerify, type JWTPayload } from "jose";
import type { Caller } from "./caller";

export type TokenVerifier = (token: string) => Promise<Caller>;

/** The token is not acceptable: answer 401 invalid_token. */
export class InvalidTokenError extends Error {}

/** The signing keys could not be fetched: the token may be fine, so answer 503, not 401. */
export class KeysUnavailableError extends Error {}

export interface VerifierSettings {
  environmentUrl: string;
  /** The server's resource id (`res_…`): with the environment URL, it makes the resource issuer. */
  resourceId: string;
  audiences: string[];
  jwksCooldownSeconds: number;
}

/**
 * The issuers a Scalekit token may name: the environment URL (what Scalekit issues today) and
 * `{env}/resources/{res}` (the form it is migrating to; xmcp PR #619 and mcp-use #2271/#2272 accept both).
 */
export function acceptedIssuers(settings: Pick<VerifierSettings, "environmentUrl" | "resourceId">): string[] {
  return [settings.environmentUrl, `${settings.environmentUrl}/resources/${settings.resourceId}`];
}

const CLOCK_TOLERANCE_SECONDS = 5;

/** jose codes that mean "this token is wrong", as opposed to "the key set could not be read". */
const TOKEN_FAULTS = new Set([
  "ERR_JWT_EXPIRED",
  "ERR_JWT_CLAIM_VALIDATION_FAILED",
  "ERR_JWT_INVALID",
  "ERR_JWS_INVALID",
  "ERR_JWS_SIGNATURE_VERIFICATION_FAILED",
  "ERR_JOSE_ALG_NOT_ALLOWED",
  "ERR_JOSE_NOT_SUPPORTED",
  "ERR_JWKS_NO_MATCHING_KEY",
  "ERR_JWKS_MULTIPLE_MATCHING_KEYS",
]);

/**
 * Verifies Scalekit access tokens against the environment's `/keys`: RS256 only, `iss` one of the
 * accepted issuers, `aud` holding one of `audiences`, `exp`/`nbf`. The key set is cached; a token
 * with an unknown `kid` makes jose refetch it (at most once per cooldown), which is how a rotated
 * signing key is picked up.
 */
export function createTokenVerifier(settings: VerifierSettings): TokenVerifier {
  const keys = createRemoteJWKSet(new URL(`${settings.environmentUrl}/keys`), {
    cooldownDuration: settings.jwksCooldownSeconds * 1000,
    cacheMaxAge: 10 * 60 * 1000,
  });
  return async (token) => {
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(token, keys, {
        issuer: acceptedIssuers(settings),
        audience: settings.audiences,
        algorithms: ["RS256"],
        clockTolerance: CLOCK_TOLERANCE_SECONDS,
        requiredClaims: ["sub", "exp"],
      }));
    } catch (err) {
      if (err instanceof errors.JWTExpired) throw new InvalidTokenError("the access token expired");
      if (err instanceof errors.JOSEError && TOKEN_FAULTS.has(err.code)) throw new InvalidTokenError(err.message);
      throw new KeysUnavailableError(`could not read the signing keys: ${(err as Error).message}`);
    }
    return toCaller(payload);
  };
}

function toCaller(payload: JWTPayload): Caller {
  return {
    subject: payload.sub as string,
    organizationId: stringClaim(payload.oid) ?? stringClaim(payload.org_id),
    email: stringClaim(payload.email),
    clientId: stringClaim(payload.client_id),
    scopes: scopesOf(payload),
    expiresAt: payload.exp as number,
  };
}

/**
 * The granted scopes: a `scopes` array (what Scalekit's SDK validators read) or a space-separated
 * `scope` (what Scalekit-authored MCP integrations read); which one Scalekit issues is not settled.
 */
function scopesOf(payload: JWTPayload): string[] {
  if (payload.scopes !== undefined) {
    if (!Array.isArray(payload.scopes) || !payload.scopes.every((scope) => typeof scope === "string")) {
      throw new InvalidTokenError('the "scopes" claim must be an array of strings');
    }
    return payload.scopes;
  }
  if (payload.scope !== undefined) {
    if (typeof payload.scope !== "string") throw new InvalidTokenError('the "scope" claim must be a space-separated string');
    return payload.scope.split(" ").filter((scope) => scope !== "");
  }
  return [];
}

function stringClaim(value: unknown): string | undefined {
  return typeof value === "string" && value !== "" ? value : undefined;
}
