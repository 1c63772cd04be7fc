import { jsonBody, ok, type ApiRequest, type Handler, type Reply, type RouteTable } from "../http/route-table";
import { readQuery } from "../http/query";
import { field, readMessage, type MessageSpec, type WireObject } from "../http/wire-message";
import type { GrantRegistry } from "../oauth/token-endpoint";
import { addResourceClientCredentials } from "./client-credentials-grant";
import { clientView, createClient, type ClientFields } from "./clients";
import { mcpResources, requireResource } from "./lookup";
import { authorizationServerMetadata, type AuthorizationServerFeatures } from "./metadata";
import { registerResource, resourceView, type ResourceFields } from "./resources";

/**
 * Emulator-only administration: what Scalekit's dashboard does. Not part of Scalekit's API. Like the
 * management API it takes only the environment client's token (the bearer check refuses resource tokens).
 */
export const ADMIN_PREFIX = "/_emulator/mcp";

const RESOURCE_MESSAGE: MessageSpec = {
  display_name: field.string(),
  resource_url: field.string(),
  scopes: field.repeated(field.string()),
  access_token_ttl_seconds: field.int(),
};

const CLIENT_MESSAGE: MessageSpec = {
  organization_id: field.string(),
  scopes: field.repeated(field.string()),
};

/**
 * MCP resources: authorization server metadata in both URL forms (the RFC 8414 path-insert form is
 * the one the MCP SDK client queries), client credentials for resource clients, and the admin routes.
 */
export function registerMcpRoutes(routes: RouteTable, grants: GrantRegistry, features: AuthorizationServerFeatures): void {
  addResourceClientCredentials(grants);
  const metadata: Handler = (request) => {
    const resource = requireResource(request.env, request.params.id);
    return ok(authorizationServerMetadata(request.env, resource, features));
  };
  routes
    .add("GET", "/.well-known/oauth-authorization-server/resources/{id}", metadata, "none")
    .add("GET", "/resources/{id}/.well-known/oauth-authorization-server", metadata, "none")
    .add("POST", `${ADMIN_PREFIX}/resources`, createResourceRoute)
    .add("GET", `${ADMIN_PREFIX}/resources`, listResourcesRoute)
    .add("GET", `${ADMIN_PREFIX}/resources/{id}`, getResourceRoute)
    .add("POST", `${ADMIN_PREFIX}/resources/{id}/clients`, createClientRoute);
}

function createResourceRoute(request: ApiRequest): Reply {
  const fields = readFields(request, RESOURCE_MESSAGE) as unknown as ResourceFields;
  return ok({ resource: resourceView(request.env, registerResource(request.env, fields)) }, 201);
}

function listResourcesRoute(request: ApiRequest): Reply {
  readQuery(request.query, {});
  return ok({ resources: mcpResources(request.env).list().map((resource) => resourceView(request.env, resource)) });
}

function getResourceRoute(request: ApiRequest): Reply {
  readQuery(request.query, {});
  return ok({ resource: resourceView(request.env, requireResource(request.env, request.params.id)) });
}

function createClientRoute(request: ApiRequest): Reply {
  const fields = readFields(request, CLIENT_MESSAGE) as unknown as ClientFields;
  const { client, clientSecret } = createClient(request.env, request.params.id, fields);
  return ok({ client: clientView(client, clientSecret) }, 201);
}

function readFields(request: ApiRequest, spec: MessageSpec): WireObject {
  readQuery(request.query, {});
  const message = readMessage(jsonBody(request), spec);
  return Object.fromEntries(Object.entries(message).filter(([, value]) => value !== null));
}
