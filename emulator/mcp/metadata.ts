import type { Environment } from "../environment";
import { authorizationServerUrl } from "./lookup";
import type { McpResourceRecord } from "./record";

/**
 * What the per-resource authorization servers advertise. Features that add a grant type, a client
 * authentication method or dynamic client registration switch it on here, and every resource's
 * metadata follows.
 */
export class AuthorizationServerFeatures {
  readonly grantTypes = new Set<string>(["client_credentials"]);
  readonly tokenEndpointAuthMethods = new Set<string>(["client_secret_basic", "client_secret_post"]);
  /** Set by dynamic client registration: where a client registers for `resource`. */
  registrationEndpoint?: (env: Environment, resource: McpResourceRecord) => string;
}

/** RFC 8414 authorization server metadata of one MCP resource. */
export function authorizationServerMetadata(
  env: Environment,
  resource: McpResourceRecord,
  features: AuthorizationServerFeatures,
): Record<string, unknown> {
  return {
    // RFC 8414 §3.3: the issuer identifier the metadata URL was derived from. Tokens still carry the
    // environment URL in `iss`, which is what Scalekit's token validation expects.
    issuer: authorizationServerUrl(env, resource.id),
    authorization_endpoint: `${env.url}/oauth/authorize`,
    token_endpoint: `${env.url}/oauth/token`,
    ...(features.registrationEndpoint ? { registration_endpoint: features.registrationEndpoint(env, resource) } : {}),
    jwks_uri: `${env.url}/keys`,
    scopes_supported: resource.scopes,
    response_types_supported: ["code"],
    grant_types_supported: [...features.grantTypes],
    code_challenge_methods_supported: ["S256"],
    token_endpoint_auth_methods_supported: [...features.tokenEndpointAuthMethods],
  };
}
