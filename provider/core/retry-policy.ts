import { isApiError, type ApiError } from "./api-error";

/*
 * The client's whole retry policy: which failures are repeated and why, the token renewal rule,
 * the backoff and Retry-After waits, and the request pacing. retry.ts (the loop), http.ts (the
 * attempt), token-source.ts and budget.ts apply it; none of them decides anything of this itself.
 */

export interface RetryPolicy {
  /** Total attempts including the first one. */
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
  /** No retry is started once this much time has passed since the first attempt. */
  maxElapsedMs: number;
  /** Upper bound for a wait the server asks for (retry-after-ms, Retry-After). */
  maxRetryAfterMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  maxAttempts: 10,
  baseDelayMs: 250,
  maxDelayMs: 8_000,
  maxElapsedMs: 180_000,
  maxRetryAfterMs: 60_000,
};

/**
 * - `always`: the server refused the request before acting on it, so even a POST is sent again.
 * - `idempotent`: sent again when repeating is harmless; a POST may have been carried out, so it is
 *   reconciled (the object it would create is looked up) before it is repeated.
 * - `new-token`: sent once more with a freshly fetched token, inside the same attempt.
 * - `never`: the same request would get the same answer.
 */
export type Repeat = "always" | "idempotent" | "new-token" | "never";

/**
 * Statuses of the management API and why each is, or is not, repeated. Scalekit answers through
 * grpc-gateway, which derives the status from the gRPC code (grpc-ecosystem/grpc-gateway,
 * runtime/errors.go, HTTPStatusFromCode); that code is what says whether a request can be repeated.
 * Every status not listed is `never`: the request itself is wrong (400, 403, 404, 501, ...).
 */
export const STATUS_RULES: Readonly<Record<number, { repeat: Repeat; why: string }>> = {
  401: { repeat: "new-token", why: "Unauthenticated: the cached token expired or was revoked early; a second 401 with a fresh token is final" },
  409: { repeat: "never", why: "AlreadyExists or Aborted: the conflict stays; the resource code decides (adopt the existing object, or report it)" },
  429: { repeat: "always", why: "ResourceExhausted: rate limited before any work was done; sent again after the server's wait or backoff" },
  500: { repeat: "never", why: "Internal, Unknown or DataLoss: a fault in the service, not in timing; repeating repeats it, and a write may be half done" },
  502: { repeat: "idempotent", why: "Bad gateway: the proxy lost the service, possibly after it acted" },
  503: { repeat: "always", why: "Unavailable: the service did not take the request (gRPC's transient refusal)" },
  504: { repeat: "idempotent", why: "DeadlineExceeded: the service may still have finished the work after the deadline" },
};

const repeatOf = (status: number): Repeat => STATUS_RULES[status]?.repeat ?? "never";

/**
 * Connection errors that prove the request never reached the server (refused, no route, no name),
 * so even a POST is sent again. Any other lost connection (reset, closed socket, timeout) may have
 * come after the server acted: like 502, repeated when idempotent and reconciled otherwise.
 */
const NOT_SENT_CODES = new Set(["ECONNREFUSED", "UND_ERR_CONNECT_TIMEOUT", "ENOTFOUND", "EAI_AGAIN"]);

/** Whether the request is sent once more with a new token, inside the same attempt (and only once). */
export const renewsToken = (status: number) => repeatOf(status) === "new-token";

/** Transient by nature: a lost connection, or a status whose rule lets the request be repeated. */
export function isTransient(error: Pick<ApiError, "kind" | "status">): boolean {
  return error.kind === "network" || (error.kind === "http" && ["always", "idempotent"].includes(repeatOf(error.status)));
}

/** What to do with a failed attempt. `reconcile` = the write may have been committed: look before repeating it. */
export type RetryAction = "retry" | "reconcile" | "fail";

export function retryAction(error: unknown, idempotent: boolean): RetryAction {
  if (!isApiError(error) || !isTransient(error)) return "fail";
  if (idempotent) return "retry";
  if (error.kind === "http" && repeatOf(error.status) === "always") return "retry";
  if (error.kind === "network" && NOT_SENT_CODES.has(networkCode(error))) return "retry";
  return "reconcile";
}

function networkCode(error: ApiError): string {
  const cause = error.cause as { code?: string } | undefined;
  return cause?.code ?? "";
}

/** Delay before the next attempt: the server's wait when it gave one (clamped), else exponential backoff with jitter. */
export function retryDelayMs(policy: RetryPolicy, failedAttempts: number, retryAfterMs?: number, random = Math.random): number {
  if (retryAfterMs !== undefined) return Math.min(Math.max(retryAfterMs, 0), policy.maxRetryAfterMs);
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (failedAttempts - 1));
  return ceiling / 2 + random() * (ceiling / 2);
}

type Headers = Record<string, string | string[] | undefined>;

/**
 * The wait a response asks for, in milliseconds: `retry-after-ms` (milliseconds, as OpenAI's and
 * Azure's APIs send it) before `Retry-After` (delta-seconds or an HTTP date, RFC 9110 §10.2.3).
 * Undefined when neither is there or parses; header names are lower case, as undici gives them.
 */
export function retryAfterFromHeaders(headers: Headers, now = Date.now()): number | undefined {
  const milliseconds = first(headers["retry-after-ms"])?.trim();
  if (milliseconds && /^\d+(\.\d+)?$/.test(milliseconds)) return Number(milliseconds);
  return parseRetryAfter(first(headers["retry-after"]), now);
}

/** Retry-After as delta-seconds or an HTTP date; undefined when absent or unparsable. */
function parseRetryAfter(header: string | undefined, now = Date.now()): number | undefined {
  if (!header) return undefined;
  const trimmed = header.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.round(Number(trimmed) * 1000);
  const date = Date.parse(trimmed);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);

/**
 * How the process-wide request budget paces requests (budget.ts). Requests are spaced to the
 * configured requests-per-minute with a small burst; when 429s show the server is saturated, every
 * caller is paced just below the rate the server accepted, then the pace recovers slowly.
 */
export const PACING = {
  /** Requests that may go out back to back before spacing applies. */
  burst: 5,
  /** How far back request outcomes count when judging whether the server is saturated. */
  observationWindowMs: 5_000,
  /**
   * The share of 429s (among at least `minimumSample` outcomes) that means the server's capacity is
   * exceeded. Below it, 429s are transient refusals (or another client's burst) left to the
   * per-request retry: slowing everyone down for them would only ratchet the pace down.
   */
  saturatedShare: 0.15,
  minimumSample: 20,
  /** When saturated, pace a little below the rate the server was seen to accept. */
  backOffFactor: 0.9,
  /** Unsaturated, the pace grows by this share of itself per second, back toward the configured cap. */
  recoveryPerSecond: 0.05,
  /** One slowdown per this long at most: requests already in flight were sent at the old pace. */
  settlingMs: 1_000,
  minimumPerMinute: 6,
  /** The shortest span a rate is measured over (a burst right at the start would look unbounded). */
  minimumSpanMs: 200,
} as const;
