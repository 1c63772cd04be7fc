import { ScalekitClient } from "../../provider/api/client";
import type { RetryPolicy } from "../../provider/core/retry-policy";
import { startEmulator, type Emulator, type EmulatorOptions } from "../../emulator";

/** Retries fast enough for tests; Retry-After from the server is still honoured as given. */
export const FAST_RETRIES: RetryPolicy = { maxAttempts: 8, baseDelayMs: 10, maxDelayMs: 100, maxElapsedMs: 20_000, maxRetryAfterMs: 5_000 };

/** Starts an emulator for the test file (beforeAll) and closes it (afterAll). */
export function useEmulator(options: EmulatorOptions = {}): { readonly emulator: Emulator } {
  const handle = {} as { emulator: Emulator };
  beforeAll(async () => {
    handle.emulator = await startEmulator({ seed: 7, ...options });
  });
  afterAll(async () => {
    await handle.emulator?.close();
  });
  return handle;
}

export function clientFor(emulator: Emulator, overrides: { requestsPerMinute?: number; retryPolicy?: RetryPolicy; clientSecret?: string } = {}): ScalekitClient {
  return new ScalekitClient(
    { environmentUrl: emulator.url, clientId: emulator.clientId, clientSecret: overrides.clientSecret ?? emulator.clientSecret, requestsPerMinute: overrides.requestsPerMinute },
    { retryPolicy: overrides.retryPolicy ?? FAST_RETRIES },
  );
}

/** Requests of the emulator's log as "METHOD path status" lines, token requests included. */
export function calls(emulator: Emulator, since = 0): string[] {
  return emulator.requestLog.slice(since).map((entry) => `${entry.method} ${entry.path} ${entry.status}`);
}

/** A self-signed certificate for SAML tests, valid from `from` to `to`. */
export { selfSignedCertificate } from "./certificates";
