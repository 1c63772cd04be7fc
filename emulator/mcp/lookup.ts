import { notFound } from "../errors";
import type { Environment } from "../environment";
import { Collection } from "../storage/collection";
import type { McpClientRecord, McpResourceRecord } from "./record";

export function mcpResources(env: Environment): Collection<McpResourceRecord> {
  return new Collection<McpResourceRecord>(env.db, "mcp_resource");
}

/** Clients are stored under their resource, so `mcpClients(env).list(resourceId)` lists one resource's. */
export function mcpClients(env: Environment): Collection<McpClientRecord> {
  return new Collection<McpClientRecord>(env.db, "mcp_client");
}

export function requireResource(env: Environment, id: string): McpResourceRecord {
  const resource = mcpResources(env).get(id);
  if (!resource) throw notFound("resource", id);
  return resource;
}

/** The MCP server registered for this URL (Scalekit keeps it in the resource's `resource_id`). */
export function findResourceByUrl(env: Environment, serverUrl: string): McpResourceRecord | undefined {
  return mcpResources(env).findBy("resource_id", serverUrl)[0];
}

export function findClient(env: Environment, clientId: string): McpClientRecord | undefined {
  return mcpClients(env).get(clientId);
}

/** The resource's authorization server identifier, the value protected resource metadata lists. */
export function authorizationServerUrl(env: Environment, resourceId: string): string {
  return `${env.url}/resources/${resourceId}`;
}
