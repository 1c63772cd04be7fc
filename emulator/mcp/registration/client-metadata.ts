import { invalidField } from "../../errors";

/** Scopes any client may ask for besides the resource's own. */
const OPENID_SCOPES = ["openid", "profile", "email", "offline_access"] as const;

const SUPPORTED_GRANT_TYPES = ["authorization_code", "refresh_token"] as const;

/** Informational metadata kept and echoed back (RFC 7591 §2 and Scalekit's `RegisterClient`). */
const INFORMATIONAL_FIELDS = ["client_name", "description", "client_uri", "logo_uri", "tos_uri", "policy_uri", "contacts", "software_id", "software_version"];

/** Schemes a browser runs or reads locally instead of delivering a redirect to an application. */
const FORBIDDEN_SCHEMES = new Set(["javascript:", "data:", "vbscript:", "file:", "blob:", "about:"]);
const LOOPBACK_HOST = /^(localhost|127(\.\d{1,3}){3}|\[::1\])$/;

export interface ClientMetadata {
  redirect_uris: string[];
  grant_types: string[];
  response_types: string[];
  scope?: string;
  informational: Record<string, unknown>;
}

/**
 * Reads a registration request: RFC 7591 metadata as MCP clients send it, checked against what this
 * server supports, with RFC 7591 defaults. Metadata it does not know is ignored (RFC 7591 §2).
 * Throws INVALID_ARGUMENT naming the field.
 */
export function readClientMetadata(body: unknown, resourceScopes: readonly string[]): ClientMetadata {
  if (typeof body !== "object" || body === null || Array.isArray(body)) throw invalidField("body", "the registration request must be a JSON object");
  const input = body as Record<string, unknown>;

  const redirectUris = input.redirect_uris;
  if (!Array.isArray(redirectUris) || redirectUris.length === 0 || !redirectUris.every((uri) => typeof uri === "string")) {
    throw invalidField("redirect_uris", "must be a non-empty array of URIs");
  }
  redirectUris.forEach((uri, i) => {
    const problem = redirectUriProblem(uri);
    if (problem) throw invalidField(`redirect_uris[${i}]`, problem);
  });

  const grantTypes = stringList(input.grant_types, [...SUPPORTED_GRANT_TYPES]);
  if (!grantTypes || grantTypes.some((grant) => !(SUPPORTED_GRANT_TYPES as readonly string[]).includes(grant))) {
    throw invalidField("grant_types", `may only contain ${SUPPORTED_GRANT_TYPES.join(", ")}`);
  }
  if (!grantTypes.includes("authorization_code")) throw invalidField("grant_types", "must include authorization_code");
  const responseTypes = stringList(input.response_types, ["code"]);
  if (!responseTypes || responseTypes.length !== 1 || responseTypes[0] !== "code") throw invalidField("response_types", 'must be ["code"]');

  if (input.scope !== undefined && typeof input.scope !== "string") throw invalidField("scope", "must be a space-separated string");
  const unknownScope = (input.scope ?? "").split(" ").find((scope) => scope !== "" && !isKnownScope(scope, resourceScopes));
  if (unknownScope !== undefined) throw invalidField("scope", `scope "${unknownScope}" is not offered by this MCP server`);

  const informational = Object.fromEntries(INFORMATIONAL_FIELDS.filter((name) => input[name] !== undefined).map((name) => [name, input[name]]));
  const scope = typeof input.scope === "string" && input.scope.trim() !== "" ? input.scope.trim() : undefined;
  return {
    redirect_uris: redirectUris,
    grant_types: grantTypes,
    response_types: responseTypes,
    scope,
    informational,
  };
}

export function isKnownScope(scope: string, resourceScopes: readonly string[]): boolean {
  return resourceScopes.includes(scope) || (OPENID_SCOPES as readonly string[]).includes(scope);
}

/**
 * OAuth 2.1 §2.3.1 and RFC 8252 §7: https, http only on a loopback host, or a private-use scheme of a
 * native app (`com.example.app:/callback`); never a fragment, never a scheme the browser would run
 * or read itself (javascript:, data:, vbscript:, file:, …).
 */
function redirectUriProblem(uri: string): string | undefined {
  let url: URL;
  try {
    url = new URL(uri);
  } catch {
    return `${uri} is not an absolute URI`;
  }
  if (FORBIDDEN_SCHEMES.has(url.protocol)) return `${uri} uses the ${url.protocol} scheme, which never delivers a redirect to an application`;
  if (url.hash !== "" || uri.includes("#")) return `${uri} must not have a fragment`;
  if (url.protocol === "http:" && !LOOPBACK_HOST.test(url.hostname)) return `${uri} must use https (plain http only on a loopback host, RFC 8252 §7.3)`;
  return undefined;
}

function stringList(value: unknown, fallback: string[]): string[] | undefined {
  if (value === undefined) return fallback;
  return Array.isArray(value) && value.every((item) => typeof item === "string") ? [...new Set(value as string[])] : undefined;
}
