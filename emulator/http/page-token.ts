import { ApiError } from "../errors";

/**
 * Opaque page tokens: base64url of the next offset and the list they belong to, so a token is
 * refused when replayed against a different list or filter.
 */
export function encodePageToken(offset: number, scope: string): string {
  return Buffer.from(JSON.stringify({ o: offset, s: scope })).toString("base64url");
}

export function decodePageToken(token: string, scope: string): number {
  try {
    const parsed = JSON.parse(Buffer.from(token, "base64url").toString("utf8")) as { o?: unknown; s?: unknown };
    if (Number.isInteger(parsed.o) && (parsed.o as number) >= 0 && parsed.s === scope) return parsed.o as number;
  } catch {
    // fall through to the error below
  }
  throw new ApiError("INVALID_ARGUMENT", "Invalid page token", {
    violations: [{ field: "page_token", description: "is not a token returned by this list" }],
  });
}
