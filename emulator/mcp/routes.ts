import { invalidField } from "../errors";
import { decodePageToken, encodePageToken } from "../http/page-token";
import { readQuery } from "../http/query";
import { jsonBody, ok, type ApiRequest, type Handler, type Reply, type RouteTable } from "../http/route-table";
import { field, readMessage, type MessageSpec, type WireObject } from "../http/wire-message";
import { clientView, createClient, type ClientFields } from "./clients";
import { mcpResources, requireResource } from "./lookup";
import { authorizationServerMetadata, type AuthorizationServerFeatures } from "./metadata";
import { CREATE_RESOURCE, UPDATE_RESOURCE } from "./resource-messages";
import { createResource, deleteResource, resourceToWire, updateResource } from "./resources";

const DEFAULT_PAGE_SIZE = 10;
const MAX_PAGE_SIZE = 30;

/** Emulator-only: an M2M client bound to one organization (Scalekit creates these in its dashboard). */
const CLIENT_MESSAGE: MessageSpec = {
  organization_id: field.string(),
  scopes: field.repeated(field.string()),
};

/**
 * MCP servers: Scalekit's resource endpoints (`ClientService` in its protos, all PREVIEW) with the
 * environment's token, the authorization server metadata of each server in both URL forms (the RFC
 * 8414 path-insert form is the one the MCP SDK client queries), and the emulator-only route that
 * gives a server an organization-bound M2M client.
 */
export function registerMcpRoutes(routes: RouteTable, features: AuthorizationServerFeatures): void {
  const metadata: Handler = (request) => ok(authorizationServerMetadata(request.env, requireResource(request.env, request.params.id), features));
  routes
    .add("GET", "/.well-known/oauth-authorization-server/resources/{id}", metadata, "none")
    .add("GET", "/resources/{id}/.well-known/oauth-authorization-server", metadata, "none")
    .add("POST", "/api/v1/resources", createResourceRoute)
    .add("GET", "/api/v1/resources", listResourcesRoute)
    .add("GET", "/api/v1/resources/{resource_id}", getResourceRoute)
    .add("PATCH", "/api/v1/resources/{resource_id}", updateResourceRoute)
    .add("DELETE", "/api/v1/resources/{resource_id}", deleteResourceRoute)
    .add("POST", "/_emulator/mcp/resources/{id}/clients", createClientRoute);
}

function createResourceRoute(request: ApiRequest): Reply {
  readQuery(request.query, {});
  const resource = createResource(request.env, readMessage(jsonBody(request), CREATE_RESOURCE));
  return ok({ resource: resourceToWire(request.env, resource) }, 201);
}

/** `ListResources`: `resource_type` is required; pages of at most 30, creation order. */
function listResourcesRoute(request: ApiRequest): Reply {
  const query = readQuery(request.query, { resource_type: "string", page_size: "int", page_token: "string" });
  if (query.resource_type === undefined) throw invalidField("resource_type", "is required");
  const pageSize = (query.page_size as number | undefined) || DEFAULT_PAGE_SIZE;
  if (pageSize < 1 || pageSize > MAX_PAGE_SIZE) throw invalidField("page_size", `must be between 1 and ${MAX_PAGE_SIZE}`);
  const scope = `resources:${query.resource_type}`;
  const offset = query.page_token ? decodePageToken(query.page_token as string, scope) : 0;
  const all = mcpResources(request.env).list().filter((resource) => resource.resource_type === query.resource_type);
  const page = all.slice(offset, offset + pageSize);
  return ok({
    total_size: all.length,
    next_page_token: offset + pageSize < all.length ? encodePageToken(offset + pageSize, scope) : "",
    prev_page_token: offset > 0 ? encodePageToken(Math.max(0, offset - pageSize), scope) : "",
    resources: page.map((resource) => resourceToWire(request.env, resource)),
  });
}

function getResourceRoute(request: ApiRequest): Reply {
  readQuery(request.query, {});
  return ok({ resource: resourceToWire(request.env, requireResource(request.env, request.params.resource_id)) });
}

function updateResourceRoute(request: ApiRequest): Reply {
  readQuery(request.query, {});
  const fields = readMessage(jsonBody(request), UPDATE_RESOURCE);
  const updated = updateResource(request.env, requireResource(request.env, request.params.resource_id), fields);
  return ok({ resource: resourceToWire(request.env, updated) });
}

function deleteResourceRoute(request: ApiRequest): Reply {
  readQuery(request.query, {});
  deleteResource(request.env, requireResource(request.env, request.params.resource_id));
  return ok({});
}

function createClientRoute(request: ApiRequest): Reply {
  readQuery(request.query, {});
  const message: WireObject = readMessage(jsonBody(request), CLIENT_MESSAGE);
  const fields = Object.fromEntries(Object.entries(message).filter(([, value]) => value !== null)) as unknown as ClientFields;
  const { client, clientSecret } = createClient(request.env, request.params.id, fields);
  return ok({ client: clientView(client, clientSecret) }, 201);
}
