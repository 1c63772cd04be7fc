import { ApiError, isApiError } from "./api-error";

export interface RetryPolicy {
  /** Total attempts including the first one. */
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
  /** No retry is started once this much time has passed since the first attempt. */
  maxElapsedMs: number;
  /** Upper bound for a server-provided Retry-After. */
  maxRetryAfterMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  maxAttempts: 10,
  baseDelayMs: 250,
  maxDelayMs: 8_000,
  maxElapsedMs: 180_000,
  maxRetryAfterMs: 60_000,
};

/** What to do with a failed attempt. `reconcile` = the write may have been committed: look before repeating it. */
export type RetryAction = "retry" | "reconcile" | "fail";

/** Connection errors that prove the request never reached the server. */
const NOT_SENT_CODES = new Set(["ECONNREFUSED", "UND_ERR_CONNECT_TIMEOUT", "ENOTFOUND", "EAI_AGAIN"]);

/**
 * Repeating an idempotent request is always safe. A non-idempotent one (POST) is repeated only when the
 * failure proves it was not processed: a 429/503 refusal, or a connection that never opened.
 */
export function retryAction(error: unknown, idempotent: boolean): RetryAction {
  if (!isApiError(error) || !error.retryable) return "fail";
  if (idempotent) return "retry";
  if (error.kind === "http" && (error.status === 429 || error.status === 503)) return "retry";
  if (error.kind === "network" && NOT_SENT_CODES.has(networkCode(error))) return "retry";
  return "reconcile";
}

function networkCode(error: ApiError): string {
  const cause = error.cause as { code?: string } | undefined;
  return cause?.code ?? "";
}

/** Delay before the next attempt: the server's Retry-After when given, else exponential backoff with jitter. */
export function retryDelayMs(policy: RetryPolicy, failedAttempts: number, retryAfterMs?: number, random = Math.random): number {
  if (retryAfterMs !== undefined) return Math.min(Math.max(retryAfterMs, 0), policy.maxRetryAfterMs);
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (failedAttempts - 1));
  return ceiling / 2 + random() * (ceiling / 2);
}

/** Retry-After as delta-seconds or an HTTP date; undefined when absent or unparsable. */
export function parseRetryAfter(header: string | undefined, now = Date.now()): number | undefined {
  if (!header) return undefined;
  const trimmed = header.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.round(Number(trimmed) * 1000);
  const date = Date.parse(trimmed);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

export interface RetryHooks {
  sleep?: (ms: number) => Promise<void>;
  onRetry?: (error: ApiError, attempt: number, delayMs: number) => void;
  /** Called for `reconcile`: returns the committed result if the lost write took effect, else undefined. */
  reconcile?: () => Promise<unknown>;
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** The one retry loop of the client. */
export async function withRetry<T>(
  attempt: () => Promise<T>,
  options: { idempotent: boolean; policy?: RetryPolicy } & RetryHooks,
): Promise<T> {
  const policy = options.policy ?? DEFAULT_RETRY_POLICY;
  const wait = options.sleep ?? sleep;
  const started = Date.now();
  for (let attemptNumber = 1; ; attemptNumber++) {
    try {
      return await attempt();
    } catch (error) {
      const action = retryAction(error, options.idempotent);
      if (action === "fail" || !isApiError(error)) throw error;
      if (action === "reconcile") {
        if (!options.reconcile) throw ambiguous(error);
        const committed = await options.reconcile();
        if (committed !== undefined) return committed as T;
      }
      const delay = retryDelayMs(policy, attemptNumber, error.retryAfterMs);
      if (attemptNumber >= policy.maxAttempts || Date.now() - started + delay > policy.maxElapsedMs) throw error;
      options.onRetry?.(error, attemptNumber, delay);
      await wait(delay);
    }
  }
}

function ambiguous(error: ApiError): ApiError {
  return new ApiError({
    kind: "ambiguous",
    method: error.method,
    path: error.path,
    status: error.status,
    message: `the request may have been applied but its response was lost (${error.serverMessage})`,
    cause: error,
  });
}
