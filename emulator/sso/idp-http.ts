import { IdpRefusedError, IdpUnavailableError } from "./idp-errors";

const TIMEOUT_MS = 5_000;

/**
 * A machine-to-machine call from the emulator to a customer's IdP (discovery, token, userinfo,
 * metadata). Unreachable: IdpUnavailableError. An HTTP error: IdpRefusedError with the IdP's own
 * `error`/`error_description` when it sent them.
 */
export async function callIdp(what: string, url: string, init: RequestInit = {}): Promise<string> {
  let response: Response;
  try {
    response = await fetch(url, { ...init, redirect: "manual", signal: AbortSignal.timeout(TIMEOUT_MS) });
  } catch (err) {
    const cause = (err as { cause?: { code?: string } }).cause?.code ?? (err as Error).name;
    throw new IdpUnavailableError(`the identity provider's ${what} at ${url} could not be reached (${cause})`);
  }
  const text = await response.text();
  if (!response.ok) throw new IdpRefusedError(`the identity provider's ${what} answered HTTP ${response.status}${oauthErrorOf(text)}`);
  return text;
}

export async function callIdpForJson(what: string, url: string, init: RequestInit = {}): Promise<Record<string, unknown>> {
  const text = await callIdp(what, url, init);
  try {
    const value = JSON.parse(text) as unknown;
    if (typeof value === "object" && value !== null && !Array.isArray(value)) return value as Record<string, unknown>;
  } catch {
    // reported below
  }
  throw new IdpRefusedError(`the identity provider's ${what} at ${url} is not a JSON object`);
}

function oauthErrorOf(text: string): string {
  try {
    const body = JSON.parse(text) as { error?: unknown; error_description?: unknown };
    if (typeof body.error === "string") return `: ${body.error}${typeof body.error_description === "string" ? ` (${body.error_description})` : ""}`;
  } catch {
    // not an OAuth error body
  }
  return "";
}
