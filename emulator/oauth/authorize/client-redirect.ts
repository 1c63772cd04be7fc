import type { Reply } from "../../http/route-table";

/** A 302 to `url`; the browser legs of the flow are all redirects like this one. */
export function redirectTo(url: string): Reply {
  return { status: 302, json: {}, headers: { location: url, "cache-control": "no-store" } };
}

/** Back to the client's (already verified) redirect URI with the given parameters added to its query. */
export function redirectToClient(redirectUri: string, params: Record<string, string | undefined>): Reply {
  const url = new URL(redirectUri);
  for (const [name, value] of Object.entries(params)) if (value !== undefined) url.searchParams.set(name, value);
  return redirectTo(url.toString());
}

/** RFC 6749 §4.1.2.1: an error the user agent carries back to the client, with the client's state. */
export function errorToClient(target: { redirectUri: string; state?: string }, error: string, description: string): Reply {
  return redirectToClient(target.redirectUri, { error, error_description: description, state: target.state });
}
