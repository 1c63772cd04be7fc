import type { Dispatcher } from "undici";
import type { z } from "zod";
import { ApiError, type FieldViolation } from "./api-error";
import type { RequestBudget } from "./budget";
import { withRetry } from "./retry";
import { renewsToken, retryAfterFromHeaders, type RetryPolicy } from "./retry-policy";
import { networkMessage, safeJson } from "./response-text";
import type { TokenSource } from "./token-source";

export type HttpMethod = "GET" | "POST" | "PATCH" | "PUT" | "DELETE";

export interface Logger {
  debug(message: string): void;
  warn(message: string): void;
}

export interface SendOptions<S extends z.ZodType> {
  method: HttpMethod;
  /** Path built with `path`…`` (+ `query(...)`), relative to the environment URL. */
  path: string;
  body?: unknown;
  schema: S;
  /**
   * For a POST: finds the object a lost write may have created. Called before the POST is repeated
   * after a failure that leaves its outcome unknown, so a retry never creates a duplicate.
   */
  reconcile?: () => Promise<z.output<S> | undefined>;
}

export interface HttpClientOptions {
  environmentUrl: string;
  tokens: TokenSource;
  budget: RequestBudget;
  dispatcher: Dispatcher;
  userAgent: string;
  retryPolicy?: RetryPolicy;
  logger?: Logger;
}

interface GrpcGatewayError {
  code?: number;
  message?: string;
  error?: string;
  error_description?: string;
  details?: Array<{
    error_code?: string;
    validation_error_info?: { field_violations?: Array<{ field?: string; description?: string }> };
  }>;
}

/** Authenticated JSON requests to the management API: budget, bearer token, retries, schema-checked responses. */
export class HttpClient {
  private sent = 0;

  constructor(private readonly options: HttpClientOptions) {}

  /** API requests sent so far, retries included (token requests excluded). */
  get requestCount(): number {
    return this.sent;
  }

  send<S extends z.ZodType>(request: SendOptions<S>): Promise<z.output<S>> {
    return withRetry(() => this.attempt(request), {
      idempotent: request.method !== "POST",
      policy: this.options.retryPolicy,
      reconcile: request.reconcile,
      onRetry: (error, attempt, delayMs) =>
        this.options.logger?.debug(`retrying ${error.method} ${error.path} after ${error.status || error.kind} (attempt ${attempt}, waiting ${Math.round(delayMs)} ms)`),
    });
  }

  private async attempt<S extends z.ZodType>(request: SendOptions<S>): Promise<z.output<S>> {
    let response = await this.exchange(request, await this.options.tokens.get());
    if (renewsToken(response.status)) {
      this.options.tokens.invalidate(response.token);
      response = await this.exchange(request, await this.options.tokens.get());
    }
    const { status, text, headers } = response;
    if (status < 200 || status > 299) throw errorFromResponse(request, status, text, headers);
    const parsed = request.schema.safeParse(text === "" ? {} : safeJson(text));
    if (!parsed.success) {
      const problems = parsed.error.issues.map((issue) => `${issue.path.join(".") || "(body)"}: ${issue.message}`);
      throw new ApiError({
        kind: "invalid-response",
        method: request.method,
        path: pathOnly(request.path),
        status,
        message: `unexpected response body (${problems.slice(0, 5).join("; ")})`,
        body: text,
      });
    }
    return parsed.data;
  }

  private async exchange(request: SendOptions<z.ZodType>, token: string) {
    await this.options.budget.acquire();
    this.sent++;
    const headers: Record<string, string> = {
      authorization: `Bearer ${token}`,
      accept: "application/json",
      "user-agent": this.options.userAgent,
    };
    if (request.body !== undefined) headers["content-type"] = "application/json";
    try {
      const response = await this.options.dispatcher.request({
        origin: this.options.environmentUrl,
        path: request.path,
        method: request.method,
        headers,
        body: request.body === undefined ? undefined : JSON.stringify(request.body),
      });
      const text = await response.body.text();
      this.options.budget.record(response.statusCode);
      return { status: response.statusCode, text, headers: response.headers, token };
    } catch (cause) {
      this.options.budget.record(0);
      throw new ApiError({ kind: "network", method: request.method, path: pathOnly(request.path), status: 0, message: networkMessage(cause), cause });
    }
  }
}

function errorFromResponse(request: SendOptions<z.ZodType>, status: number, text: string, headers: Dispatcher.ResponseData["headers"]): ApiError {
  const body = (safeJson(text) ?? {}) as GrpcGatewayError;
  const details = Array.isArray(body.details) ? body.details : [];
  const errorCode = details.find((detail) => detail?.error_code)?.error_code ?? body.error;
  const fieldViolations: FieldViolation[] = details.flatMap((detail) =>
    (detail?.validation_error_info?.field_violations ?? []).map((violation) => ({
      field: violation.field ?? "",
      description: violation.description ?? "",
    })),
  );
  return new ApiError({
    kind: "http",
    method: request.method,
    path: pathOnly(request.path),
    status,
    grpcCode: typeof body.code === "number" ? body.code : undefined,
    errorCode,
    fieldViolations,
    message: body.message || body.error_description || statusText(status),
    retryAfterMs: retryAfterFromHeaders(headers),
    requestId: headerValue(headers["x-request-id"]),
    body: text,
  });
}

function headerValue(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

/** The path without its query string: queries never appear in error messages. */
function pathOnly(requestPath: string): string {
  const index = requestPath.indexOf("?");
  return index === -1 ? requestPath : requestPath.slice(0, index);
}

function statusText(status: number): string {
  const texts: Record<number, string> = { 400: "bad request", 401: "unauthenticated", 403: "permission denied", 404: "not found", 409: "conflict", 429: "rate limited", 500: "internal error", 502: "bad gateway", 503: "unavailable", 504: "gateway timeout" };
  return texts[status] ?? `HTTP ${status}`;
}
