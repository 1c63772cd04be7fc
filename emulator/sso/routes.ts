import type { RouteTable } from "../http/route-table";
import type { AuthorizationServerSettings } from "../oauth/settings";
import { oidcCallback } from "./oidc/oidc-callback";
import { samlAcs } from "./saml/acs";

/** Where customers' IdPs send users back: each connection's OIDC redirect URI and SAML ACS URL. */
export function registerSsoRoutes(routes: RouteTable, settings: AuthorizationServerSettings): void {
  routes.add("GET", "/sso/v1/oidc/{id}/callback", oidcCallback(settings), "none").add("POST", "/sso/v1/saml/{id}/callback", samlAcs(settings), "none");
}
