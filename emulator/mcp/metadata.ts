import type { Environment } from "../environment";
import { authorizationServerUrl } from "./lookup";
import type { McpResourceRecord } from "./record";
import { scopeNamesOf } from "./resources";

/**
 * What the per-resource authorization servers advertise. Features that add a grant type, a client
 * authentication method or dynamic client registration switch it on here, and every resource's
 * metadata follows.
 */
export class AuthorizationServerFeatures {
  readonly grantTypes = new Set<string>(["client_credentials"]);
  readonly tokenEndpointAuthMethods = new Set<string>(["client_secret_basic", "client_secret_post"]);
  /** Set by dynamic client registration: where a client registers for `resource` (unless the resource turned it off). */
  registrationEndpoint?: (env: Environment, resource: McpResourceRecord) => string;
}

/** RFC 8414 authorization server metadata of one MCP resource. */
export function authorizationServerMetadata(
  env: Environment,
  resource: McpResourceRecord,
  features: AuthorizationServerFeatures,
): Record<string, unknown> {
  return {
    // RFC 8414 §3.3: the issuer identifier the metadata URL was derived from. Tokens carry the
    // environment URL in `iss` unless the environment issues the resource form (see mcpTokenIssuer).
    issuer: authorizationServerUrl(env, resource.id),
    authorization_endpoint: `${env.url}/oauth/authorize`,
    token_endpoint: `${env.url}/oauth/token`,
    ...(features.registrationEndpoint && !resource.disable_dynamic_client_registration ? { registration_endpoint: features.registrationEndpoint(env, resource) } : {}),
    jwks_uri: `${env.url}/keys`,
    scopes_supported: scopeNamesOf(resource),
    response_types_supported: ["code"],
    grant_types_supported: [...features.grantTypes],
    code_challenge_methods_supported: ["S256"],
    token_endpoint_auth_methods_supported: [...features.tokenEndpointAuthMethods],
  };
}
