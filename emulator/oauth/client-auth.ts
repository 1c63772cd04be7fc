import type { ApiRequest } from "../http/route-table";

export interface ClientCredentials {
  clientId: string;
  clientSecret: string;
  method: "client_secret_basic" | "client_secret_post";
}

export type ClientAuthResult = { ok: true; credentials?: ClientCredentials } | { ok: false; description: string };

/** Reads client authentication from HTTP Basic or the form body (never both, RFC 6749 §2.3). */
export function readClientCredentials(request: ApiRequest, form: URLSearchParams): ClientAuthResult {
  const header = request.headers.authorization;
  const basic = header?.match(/^Basic\s+(.+)$/i);
  const inForm = form.has("client_secret");
  if (basic) {
    if (inForm) return { ok: false, description: "use one client authentication method, not both" };
    const decoded = Buffer.from(basic[1], "base64").toString("utf8");
    const colon = decoded.indexOf(":");
    if (colon < 0) return { ok: false, description: "malformed HTTP Basic credentials" };
    return {
      ok: true,
      credentials: {
        clientId: decodeForm(decoded.slice(0, colon)),
        clientSecret: decodeForm(decoded.slice(colon + 1)),
        method: "client_secret_basic",
      },
    };
  }
  const clientId = form.get("client_id");
  const clientSecret = form.get("client_secret");
  if (clientId === null || clientSecret === null) return { ok: true };
  return { ok: true, credentials: { clientId, clientSecret, method: "client_secret_post" } };
}

function decodeForm(text: string): string {
  try {
    return decodeURIComponent(text.replace(/\+/g, " "));
  } catch {
    return text;
  }
}
