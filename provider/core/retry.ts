import { ApiError, isApiError } from "./api-error";
import { DEFAULT_RETRY_POLICY, retryAction, retryDelayMs, type RetryPolicy } from "./retry-policy";

export interface RetryHooks {
  sleep?: (ms: number) => Promise<void>;
  onRetry?: (error: ApiError, attempt: number, delayMs: number) => void;
  /** Called for `reconcile`: returns the committed result if the lost write took effect, else undefined. */
  reconcile?: () => Promise<unknown>;
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** The one retry loop of the client; what is repeated, and after how long, is retry-policy.ts's. */
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
