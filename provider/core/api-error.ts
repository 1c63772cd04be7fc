import { redactJsonText } from "./redact";

export interface FieldViolation {
  field: string;
  description: string;
}

export type ApiErrorKind =
  /** The server answered with a non-2xx status. */
  | "http"
  /** No usable response: connection refused/reset, or the socket closed before a response arrived. */
  | "network"
  /** A 2xx response whose body did not match the schema we expect. */
  | "invalid-response"
  /** A write whose outcome is unknown (the request may have been committed) and that could not be reconciled. */
  | "ambiguous";

export interface ApiErrorInit {
  kind: ApiErrorKind;
  method: string;
  path: string;
  status: number;
  message: string;
  grpcCode?: number;
  errorCode?: string;
  fieldViolations?: FieldViolation[];
  retryAfterMs?: number;
  requestId?: string;
  body?: string;
  cause?: unknown;
}

/**
 * The single error type of the management API client. Its message names the method, path, status,
 * Scalekit error_code and violated fields; `body` is kept with sensitive values redacted.
 */
export class ApiError extends Error {
  readonly kind: ApiErrorKind;
  readonly method: string;
  readonly path: string;
  /** HTTP status; 0 when no response arrived. */
  readonly status: number;
  readonly grpcCode?: number;
  readonly errorCode?: string;
  readonly fieldViolations: FieldViolation[];
  readonly retryAfterMs?: number;
  readonly requestId?: string;
  readonly body?: string;
  readonly serverMessage: string;

  constructor(init: ApiErrorInit) {
    super(describe(init), init.cause === undefined ? undefined : { cause: init.cause });
    this.name = "ApiError";
    this.kind = init.kind;
    this.method = init.method;
    this.path = init.path;
    this.status = init.status;
    this.grpcCode = init.grpcCode;
    this.errorCode = init.errorCode;
    this.fieldViolations = init.fieldViolations ?? [];
    this.retryAfterMs = init.retryAfterMs;
    this.requestId = init.requestId;
    this.body = init.body === undefined ? undefined : redactJsonText(init.body);
    this.serverMessage = init.message;
  }
}

function describe(init: ApiErrorInit): string {
  const status = init.status === 0 ? "no response" : String(init.status);
  const code = init.errorCode ? ` ${init.errorCode}` : "";
  const fields = (init.fieldViolations ?? []).map((v) => `${v.field}: ${v.description}`);
  const fieldText = fields.length ? ` [${fields.join("; ")}]` : "";
  return `Scalekit API ${init.method} ${init.path} failed (${status}${code}): ${init.message}${fieldText}`;
}

export function isApiError(error: unknown): error is ApiError {
  return error instanceof Error && error.name === "ApiError" && "kind" in error;
}

export function isNotFound(error: unknown): boolean {
  return isApiError(error) && error.kind === "http" && error.status === 404;
}

export function isConflict(error: unknown): boolean {
  return isApiError(error) && error.kind === "http" && error.status === 409;
}
