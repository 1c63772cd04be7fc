import type { Reply } from "../http/route-table";

/** An RFC 6749 §5.2 error response. */
export function oauthError(status: number, error: string, description: string, headers: Record<string, string> = {}): Reply {
  return {
    status,
    json: { error, error_description: description },
    headers: { "cache-control": "no-store", ...headers },
  };
}
