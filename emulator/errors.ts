/**
 * Errors in the grpc-gateway shape Scalekit returns:
 * `{code, message, details: [{"@type": ".../scalekit.v1.errdetails.ErrorInfo", error_code, validation_error_info?}]}`.
 */

export const GrpcCode = {
  OK: 0,
  CANCELLED: 1,
  UNKNOWN: 2,
  INVALID_ARGUMENT: 3,
  DEADLINE_EXCEEDED: 4,
  NOT_FOUND: 5,
  ALREADY_EXISTS: 6,
  PERMISSION_DENIED: 7,
  RESOURCE_EXHAUSTED: 8,
  FAILED_PRECONDITION: 9,
  ABORTED: 10,
  OUT_OF_RANGE: 11,
  UNIMPLEMENTED: 12,
  INTERNAL: 13,
  UNAVAILABLE: 14,
  DATA_LOSS: 15,
  UNAUTHENTICATED: 16,
} as const;
export type GrpcCodeName = keyof typeof GrpcCode;

/** grpc-gateway's `HTTPStatusFromCode`. */
const HTTP_STATUS_BY_CODE: Record<number, number> = {
  0: 200, 1: 499, 2: 500, 3: 400, 4: 504, 5: 404, 6: 409, 7: 403,
  8: 429, 9: 400, 10: 409, 11: 400, 12: 501, 13: 500, 14: 503, 15: 500, 16: 401,
};

/** Scalekit documents `RATE_LIMITED` for 429; every other error_code is the gRPC code's name. */
const ERROR_CODE_OVERRIDES: Partial<Record<GrpcCodeName, string>> = { RESOURCE_EXHAUSTED: "RATE_LIMITED" };

export const ERROR_INFO_TYPE = "type.googleapis.com/scalekit.v1.errdetails.ErrorInfo";

export interface FieldViolation {
  field: string;
  description: string;
}

export interface ApiErrorOptions {
  violations?: FieldViolation[];
  /** Overrides the HTTP status where Scalekit documents one that differs from the gRPC mapping. */
  httpStatus?: number;
  errorCode?: string;
  headers?: Record<string, string>;
}

export class ApiError extends Error {
  readonly code: GrpcCodeName;
  readonly violations: FieldViolation[];
  readonly httpStatus: number;
  readonly errorCode: string;
  readonly headers: Record<string, string>;

  constructor(code: GrpcCodeName, message: string, options: ApiErrorOptions = {}) {
    super(message);
    this.code = code;
    this.violations = options.violations ?? [];
    this.httpStatus = options.httpStatus ?? HTTP_STATUS_BY_CODE[GrpcCode[code]];
    this.errorCode = options.errorCode ?? ERROR_CODE_OVERRIDES[code] ?? code;
    this.headers = options.headers ?? {};
  }

  toBody(): object {
    const info: Record<string, unknown> = { "@type": ERROR_INFO_TYPE, error_code: this.errorCode };
    if (this.violations.length > 0) {
      info.validation_error_info = { field_violations: this.violations };
    }
    return { code: GrpcCode[this.code], message: this.message, details: [info] };
  }
}

/** An INVALID_ARGUMENT naming the one field that broke a rule. */
export function invalidField(field: string, description: string): ApiError {
  return new ApiError("INVALID_ARGUMENT", `invalid ${field}: ${description}`, {
    violations: [{ field, description }],
  });
}

export function notFound(what: string, id: string): ApiError {
  return new ApiError("NOT_FOUND", `${what} not found: ${id}`);
}
