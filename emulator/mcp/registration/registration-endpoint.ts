import { ApiError } from "../../errors";
import type { Environment } from "../../environment";
import { jsonBody, type ApiRequest, type Reply, type RouteTable } from "../../http/route-table";
import { requireResource } from "../lookup";
import type { McpResourceRecord } from "../record";
import { scopeNamesOf } from "../resources";
import { readClientMetadata } from "./client-metadata";
import { registeredClients } from "./lookup";
import type { RegisteredClientRecord } from "./record";

const REGISTRATION_PATH = "/api/v1/resources/{res_id}/clients:register";

/**
 * Where a client registers for an MCP server: the `registration_endpoint` of its metadata. Scalekit's
 * `ClientService.RegisterClient` (PREVIEW in its protos): `POST {env}/api/v1/resources/{res}/clients:register`,
 * no authentication, 201.
 */
export function registrationEndpointUrl(env: Environment, resource: McpResourceRecord): string {
  return `${env.url}/api/v1/resources/${resource.id}/clients:register`;
}

export function registerRegistrationEndpoint(routes: RouteTable): void {
  routes.add("POST", REGISTRATION_PATH, register, "none");
}

/**
 * RFC 7591 dynamic client registration, open (no initial access token). Every client is registered
 * as a public client (`token_endpoint_auth_method: none`), as Scalekit registers MCP clients: one
 * asking for a secret gets the method it was registered with back instead (RFC 7591 §3.2.1).
 */
function register(request: ApiRequest): Reply {
  const { env } = request;
  const resource = requireResource(env, request.params.res_id);
  if (resource.disable_dynamic_client_registration) {
    throw new ApiError("FAILED_PRECONDITION", `dynamic client registration is turned off for MCP server ${resource.id}`);
  }
  const metadata = readClientMetadata(jsonBody(request), scopeNamesOf(resource));
  const client: RegisteredClientRecord = {
    id: env.ids.next("m2m"),
    resource_id: resource.id,
    redirect_uris: metadata.redirect_uris,
    grant_types: metadata.grant_types,
    response_types: metadata.response_types,
    token_endpoint_auth_method: "none",
    ...(metadata.scope ? { scope: metadata.scope } : {}),
    client_id_issued_at: Math.floor(Date.now() / 1000),
    metadata: metadata.informational,
  };
  registeredClients(env).insert(client, resource.id);
  return { status: 201, json: registrationResponse(client), headers: { "cache-control": "no-store" } };
}

/** RFC 7591 §3.2.1: the client id and every registered metadata value. */
function registrationResponse(client: RegisteredClientRecord): Record<string, unknown> {
  return {
    client_id: client.id,
    client_id_issued_at: client.client_id_issued_at,
    redirect_uris: client.redirect_uris,
    grant_types: client.grant_types,
    response_types: client.response_types,
    token_endpoint_auth_method: client.token_endpoint_auth_method,
    ...(client.scope ? { scope: client.scope } : {}),
    ...client.metadata,
  };
}
