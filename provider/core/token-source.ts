import type { Dispatcher } from "undici";
import { z } from "zod";
import { ApiError } from "./api-error";
import { networkMessage, safeJson } from "./response-text";
import { withRetry } from "./retry";
import { retryAfterFromHeaders } from "./retry-policy";

const TokenResponse = z.object({
  access_token: z.string().min(1),
  token_type: z.string().optional(),
  expires_in: z.number().positive().optional(),
});

/** Renew this long before the server-declared expiry, so no request goes out with a token about to lapse. */
const RENEW_BEFORE_EXPIRY_MS = 5 * 60_000;
const DEFAULT_LIFETIME_SECONDS = 3600;

export interface ClientCredentials {
  environmentUrl: string;
  clientId: string;
  clientSecret: string;
}

interface CachedToken {
  value: string;
  renewAt: number;
}

/**
 * Client-credentials access token for the management API: fetched once, shared by concurrent callers
 * (one request in flight at most), renewed shortly before expiry and when the server rejects it.
 */
export class TokenSource {
  private cached?: CachedToken;
  private pending?: Promise<CachedToken>;
  private requestCount = 0;

  constructor(
    private readonly credentials: ClientCredentials,
    private readonly dispatcher: Dispatcher,
  ) {}

  /** Token requests sent so far (for benchmarks and tests). */
  get tokenRequests(): number {
    return this.requestCount;
  }

  async get(): Promise<string> {
    if (this.cached && Date.now() < this.cached.renewAt) return this.cached.value;
    this.pending ??= this.fetchToken().finally(() => (this.pending = undefined));
    this.cached = await this.pending;
    return this.cached.value;
  }

  /** Forget `token` after the server refused it; a newer token fetched meanwhile is kept. */
  invalidate(token: string): void {
    if (this.cached?.value === token) this.cached = undefined;
  }

  private fetchToken(): Promise<CachedToken> {
    return withRetry(() => this.requestToken(), { idempotent: true });
  }

  private async requestToken(): Promise<CachedToken> {
    const path = "/oauth/token";
    const form = new URLSearchParams({
      grant_type: "client_credentials",
      client_id: this.credentials.clientId,
      client_secret: this.credentials.clientSecret,
    });
    this.requestCount++;
    let response: Dispatcher.ResponseData;
    try {
      response = await this.dispatcher.request({
        origin: this.credentials.environmentUrl,
        path,
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded", accept: "application/json" },
        body: form.toString(),
      });
    } catch (cause) {
      throw new ApiError({ kind: "network", method: "POST", path, status: 0, message: networkMessage(cause), cause });
    }
    const text = await response.body.text();
    if (response.statusCode !== 200) {
      throw new ApiError({
        kind: "http",
        method: "POST",
        path,
        status: response.statusCode,
        errorCode: (safeJson(text) as { error?: string } | undefined)?.error,
        message: tokenErrorMessage(text, response.statusCode),
        retryAfterMs: retryAfterFromHeaders(response.headers),
        body: text,
      });
    }
    const parsed = TokenResponse.safeParse(safeJson(text));
    if (!parsed.success) {
      throw new ApiError({ kind: "invalid-response", method: "POST", path, status: 200, message: "token response has no access_token", body: text });
    }
    const lifetimeMs = (parsed.data.expires_in ?? DEFAULT_LIFETIME_SECONDS) * 1000;
    const renewAt = Date.now() + Math.max(lifetimeMs - RENEW_BEFORE_EXPIRY_MS, lifetimeMs / 2);
    return { value: parsed.data.access_token, renewAt };
  }
}

function tokenErrorMessage(text: string, status: number): string {
  const body = safeJson(text) as { error?: string; error_description?: string; message?: string } | undefined;
  const reason = body?.error_description ?? body?.message ?? body?.error;
  const hint = status === 401 ? "check scalekit:clientId and scalekit:clientSecret" : "token request refused";
  return reason ? `${reason} (${hint})` : hint;
}
