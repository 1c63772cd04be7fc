import { readFileSync } from "node:fs";
import { join } from "node:path";
import { startEmulator, type Emulator, type EmulatorOptions } from "../../emulator";

export interface ApiResponse {
  status: number;
  headers: Headers;
  text: string;
  /** Parsed JSON body (undefined when the body is not JSON). */
  json: any;
}

export interface Session {
  emulator: Emulator;
  token: string;
  call(method: string, path: string, body?: unknown, headers?: Record<string, string>): Promise<ApiResponse>;
}

export const IDP_CERTIFICATE_PEM = readFileSync(join(__dirname, "..", "fixtures", "idp-signing-cert.pem"), "utf8");

/** Starts an emulator and fetches an access token for it. Close with `session.emulator.close()`. */
export async function startSession(options: EmulatorOptions = {}): Promise<Session> {
  const emulator = await startEmulator({ seed: 7, ...options });
  const token = await fetchToken(emulator);
  return {
    emulator,
    token,
    call: (method, path, body, headers) =>
      send(emulator.url, method, path, body, { authorization: `Bearer ${token}`, ...headers }),
  };
}

export async function fetchToken(emulator: { url: string; clientId: string; clientSecret: string }): Promise<string> {
  const res = await postForm(emulator.url, {
    grant_type: "client_credentials",
    client_id: emulator.clientId,
    client_secret: emulator.clientSecret,
  });
  if (res.status !== 200) throw new Error(`token request failed: ${res.status} ${res.text}`);
  return res.json.access_token as string;
}

export async function postForm(url: string, form: Record<string, string>, headers: Record<string, string> = {}): Promise<ApiResponse> {
  const res = await fetch(`${url}/oauth/token`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded", ...headers },
    body: new URLSearchParams(form).toString(),
  });
  return toApiResponse(res);
}

export async function send(
  baseUrl: string,
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<ApiResponse> {
  const res = await fetch(`${baseUrl}${path}`, {
    method,
    headers: { accept: "application/json", ...(body === undefined ? {} : { "content-type": "application/json" }), ...headers },
    body: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body),
  });
  return toApiResponse(res);
}

async function toApiResponse(res: Response): Promise<ApiResponse> {
  const text = await res.text();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: res.status, headers: res.headers, text, json };
}

export interface ExpectedError {
  status: number;
  code: number;
  errorCode: string;
  field?: string;
}

/** Asserts the grpc-gateway error shape, status, gRPC code, error_code and (optionally) the violated field. */
export function expectApiError(res: ApiResponse, expected: ExpectedError): void {
  const summary = `${res.status} ${res.text}`;
  expect({ summary, status: res.status }).toEqual({ summary, status: expected.status });
  expect(res.json).toMatchObject({
    code: expected.code,
    message: expect.any(String),
    details: [expect.objectContaining({ "@type": "type.googleapis.com/scalekit.v1.errdetails.ErrorInfo", error_code: expected.errorCode })],
  });
  if (expected.field !== undefined) {
    const fields = (res.json.details[0].validation_error_info?.field_violations ?? []).map((v: { field: string }) => v.field);
    expect({ summary, fields }).toEqual({ summary, fields: expect.arrayContaining([expected.field]) });
  }
}

/** Creates an organization and returns its wire object. */
export async function createOrganization(session: Session, body: Record<string, unknown> = {}): Promise<any> {
  const res = await session.call("POST", "/api/v1/organizations", { display_name: "Acme Corp", ...body });
  if (res.status !== 201) throw new Error(`create organization failed: ${res.status} ${res.text}`);
  return res.json.organization;
}
