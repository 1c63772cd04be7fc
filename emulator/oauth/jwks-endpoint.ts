import type { RouteTable } from "../http/route-table";

export function registerJwksEndpoint(routes: RouteTable): void {
  routes.add("GET", "/keys", (request) => ({ status: 200, json: request.env.keys.jwks() }), "none");
}
