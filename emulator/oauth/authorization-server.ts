import type { RouteTable } from "../http/route-table";
import type { AuthorizationServerFeatures } from "../mcp/metadata";
import { registerSsoRoutes } from "../sso/routes";
import { registerAuthorizeEndpoint } from "./authorize/authorize-endpoint";
import { authorizationCodeGrant } from "./grants/authorization-code-grant";
import { refreshTokenGrant } from "./grants/refresh-token-grant";
import { registerRegistrationEndpoint, registrationEndpointUrl } from "./registration/registration-endpoint";
import type { AuthorizationServerSettings } from "./settings";
import type { GrantRegistry } from "./token-endpoint";

/**
 * The emulator as the authorization server of MCP resources for users: dynamic client registration,
 * `/oauth/authorize` with home-realm discovery and SSO through the organization's connection, and the
 * authorization_code and refresh_token grants. Every resource's metadata advertises it.
 */
export function registerAuthorizationServer(routes: RouteTable, grants: GrantRegistry, features: AuthorizationServerFeatures, settings: AuthorizationServerSettings): void {
  registerRegistrationEndpoint(routes);
  registerAuthorizeEndpoint(routes);
  registerSsoRoutes(routes, settings);
  grants.register("authorization_code", authorizationCodeGrant(settings)).register("refresh_token", refreshTokenGrant(settings));

  features.registrationEndpoint = registrationEndpointUrl;
  features.grantTypes.add("authorization_code").add("refresh_token");
  features.tokenEndpointAuthMethods.add("none");
}
