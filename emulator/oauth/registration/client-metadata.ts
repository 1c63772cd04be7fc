import { CLIENT_AUTH_METHODS, type ClientAuthMethod } from "./record";

/** Scopes any client may ask for besides the resource's own. */
export const OPENID_SCOPES = ["openid", "profile", "email", "offline_access"] as const;

export const SUPPORTED_GRANT_TYPES = ["authorization_code", "refresh_token"] as const;

/** Informational metadata kept and echoed back; anything else a client sends is ignored (RFC 7591 §2). */
const INFORMATIONAL_FIELDS = ["client_name", "client_uri", "logo_uri", "tos_uri", "policy_uri", "contacts", "software_id", "software_version"];

export interface ClientMetadata {
  redirect_uris: string[];
  grant_types: string[];
  response_types: string[];
  token_endpoint_auth_method: ClientAuthMethod;
  scope?: string;
  informational: Record<string, unknown>;
}

export type MetadataResult = { ok: true; metadata: ClientMetadata } | { ok: false; error: "invalid_redirect_uri" | "invalid_client_metadata"; description: string };

const invalid = (description: string): MetadataResult => ({ ok: false, error: "invalid_client_metadata", description });

/** Checks a registration request against what this authorization server supports, applying RFC 7591 defaults. */
export function readClientMetadata(body: unknown, resourceScopes: readonly string[]): MetadataResult {
  if (typeof body !== "object" || body === null || Array.isArray(body)) return invalid("the registration request must be a JSON object");
  const input = body as Record<string, unknown>;

  const redirectUris = input.redirect_uris;
  if (!Array.isArray(redirectUris) || redirectUris.length === 0 || !redirectUris.every((uri) => typeof uri === "string")) {
    return { ok: false, error: "invalid_redirect_uri", description: "redirect_uris must be a non-empty array of URIs" };
  }
  const badUri = redirectUris.map(redirectUriProblem).find((problem) => problem !== undefined);
  if (badUri) return { ok: false, error: "invalid_redirect_uri", description: badUri };

  const method = input.token_endpoint_auth_method ?? "client_secret_basic";
  if (!CLIENT_AUTH_METHODS.includes(method as ClientAuthMethod)) {
    return invalid(`token_endpoint_auth_method must be one of ${CLIENT_AUTH_METHODS.join(", ")}`);
  }
  const grantTypes = stringList(input.grant_types, ["authorization_code"]);
  if (!grantTypes || grantTypes.some((grant) => !(SUPPORTED_GRANT_TYPES as readonly string[]).includes(grant))) {
    return invalid(`grant_types may only contain ${SUPPORTED_GRANT_TYPES.join(", ")}`);
  }
  if (!grantTypes.includes("authorization_code")) return invalid("grant_types must include authorization_code");
  const responseTypes = stringList(input.response_types, ["code"]);
  if (!responseTypes || responseTypes.length !== 1 || responseTypes[0] !== "code") return invalid('response_types must be ["code"]');

  if (input.scope !== undefined && typeof input.scope !== "string") return invalid("scope must be a space-separated string");
  const unknownScope = (input.scope ?? "").split(" ").find((scope) => scope !== "" && !isKnownScope(scope, resourceScopes));
  if (unknownScope !== undefined) return invalid(`scope "${unknownScope}" is not offered by this MCP server`);

  const informational = Object.fromEntries(INFORMATIONAL_FIELDS.filter((name) => input[name] !== undefined).map((name) => [name, input[name]]));
  const scope = typeof input.scope === "string" && input.scope.trim() !== "" ? input.scope.trim() : undefined;
  return {
    ok: true,
    metadata: { redirect_uris: redirectUris, grant_types: grantTypes, response_types: responseTypes, token_endpoint_auth_method: method as ClientAuthMethod, scope, informational },
  };
}

export function isKnownScope(scope: string, resourceScopes: readonly string[]): boolean {
  return resourceScopes.includes(scope) || (OPENID_SCOPES as readonly string[]).includes(scope);
}

/** OAuth 2.1 / RFC 8252: https, http on a loopback host, or a private-use scheme; never a fragment. */
function redirectUriProblem(uri: string): string | undefined {
  let url: URL;
  try {
    url = new URL(uri);
  } catch {
    return `redirect URI ${uri} is not an absolute URI`;
  }
  if (url.hash !== "" || uri.includes("#")) return `redirect URI ${uri} must not have a fragment`;
  if (url.protocol === "http:" && !/^(localhost|127(\.\d{1,3}){3}|\[::1\])$/.test(url.hostname)) {
    return `redirect URI ${uri} must use https (plain http only on a loopback host)`;
  }
  if (url.protocol === "javascript:" || url.protocol === "data:") return `redirect URI ${uri} has a forbidden scheme`;
  return undefined;
}

function stringList(value: unknown, fallback: string[]): string[] | undefined {
  if (value === undefined) return fallback;
  return Array.isArray(value) && value.every((item) => typeof item === "string") ? [...new Set(value as string[])] : undefined;
}
