export const REDACTED = "[REDACTED]";

/** Keys whose values are credentials or bearer-equivalent links, wherever they appear in a body. */
const SENSITIVE_KEYS = new Set([
  "client_secret",
  "clientSecret",
  "access_token",
  "refresh_token",
  "id_token",
  "authorization",
  "location",
  "txt_record_secret",
  "password",
]);

export function isSensitiveKey(key: string): boolean {
  return SENSITIVE_KEYS.has(key);
}

function redactValue(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(redactValue);
  if (value && typeof value === "object") {
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [k, isSensitiveKey(k) && v !== null && v !== "" ? REDACTED : redactValue(v)]),
    );
  }
  return value;
}

/** Redacts sensitive keys of a JSON text; text that is not JSON is truncated and returned as is. */
export function redactJsonText(text: string, maxLength = 2000): string {
  let redacted: string;
  try {
    redacted = JSON.stringify(redactValue(JSON.parse(text)));
  } catch {
    redacted = text;
  }
  return redacted.length > maxLength ? `${redacted.slice(0, maxLength)}…` : redacted;
}
