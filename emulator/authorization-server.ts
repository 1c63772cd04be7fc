import type { RouteTable } from "./http/route-table";
import type { AuthorizationServerFeatures } from "./mcp/metadata";
import { registerRegistrationEndpoint, registrationEndpointUrl } from "./mcp/registration/registration-endpoint";
import { authorizationCodeGrant } from "./oauth/grants/authorization-code-grant";
import { refreshTokenGrant } from "./oauth/grants/refresh-token-grant";
import { addResourceClientCredentials } from "./oauth/grants/resource-client-credentials-grant";
import type { AuthorizationServerSettings } from "./oauth/settings";
import type { GrantRegistry } from "./oauth/token-endpoint";
import { registerAuthorizeEndpoint } from "./sso/authorize-endpoint";
import { registerSsoRoutes } from "./sso/routes";

/**
 * The emulator as the authorization server of MCP servers: client credentials for their M2M clients,
 * and for users dynamic client registration, `/oauth/authorize` with home-realm discovery and SSO
 * through the organization's connection, and the authorization_code and refresh_token grants. Every
 * server's metadata advertises what is switched on here. The one place that wires `mcp/`, `oauth/`
 * and `sso/` together: `sso` uses `oauth`, `oauth` uses `mcp`, never the other way round.
 */
export function registerAuthorizationServer(routes: RouteTable, grants: GrantRegistry, features: AuthorizationServerFeatures, settings: AuthorizationServerSettings): void {
  addResourceClientCredentials(grants);
  registerRegistrationEndpoint(routes);
  registerAuthorizeEndpoint(routes);
  registerSsoRoutes(routes, settings);
  grants.register("authorization_code", authorizationCodeGrant).register("refresh_token", refreshTokenGrant);

  features.registrationEndpoint = registrationEndpointUrl;
  features.grantTypes.add("authorization_code").add("refresh_token");
  features.tokenEndpointAuthMethods.add("none");
}
