import type { Environment } from "../../environment";
import { parseJsonBody } from "../../http/body";
import type { ApiRequest, Reply, RouteTable } from "../../http/route-table";
import { requireResource } from "../../mcp/lookup";
import type { McpResourceRecord } from "../../mcp/record";
import { oauthError } from "../oauth-error";
import { sha256 } from "../secrets";
import { readClientMetadata } from "./client-metadata";
import { registeredClients } from "./lookup";
import type { RegisteredClientRecord } from "./record";

/** Where a client registers for an MCP resource: the `registration_endpoint` of that resource's metadata. */
export function registrationEndpointUrl(env: Environment, resource: McpResourceRecord): string {
  return `${env.url}/resources/${resource.id}/register`;
}

/** RFC 7591 dynamic client registration, one endpoint per MCP resource, open (no initial access token). */
export function registerRegistrationEndpoint(routes: RouteTable): void {
  routes.add("POST", "/resources/{id}/register", register, "none");
}

function register(request: ApiRequest): Reply {
  const { env } = request;
  const resource = requireResource(env, request.params.id);
  if (!String(request.headers["content-type"] ?? "").toLowerCase().startsWith("application/json")) {
    return oauthError(400, "invalid_client_metadata", "the registration request must be application/json");
  }
  let body: unknown;
  try {
    body = parseJsonBody(request.rawBody);
  } catch (err) {
    return oauthError(400, "invalid_client_metadata", (err as Error).message);
  }
  const read = readClientMetadata(body, resource.scopes);
  if (!read.ok) return oauthError(400, read.error, read.description);

  const { metadata } = read;
  const clientSecret = metadata.token_endpoint_auth_method === "none" ? undefined : `test_${env.ids.secret("dcr_client_secret", 48)}`;
  const client: RegisteredClientRecord = {
    id: env.ids.next("skc"),
    resource_id: resource.id,
    redirect_uris: metadata.redirect_uris,
    grant_types: metadata.grant_types,
    response_types: metadata.response_types,
    token_endpoint_auth_method: metadata.token_endpoint_auth_method,
    ...(metadata.scope ? { scope: metadata.scope } : {}),
    ...(clientSecret ? { secret_sha256: sha256(clientSecret) } : {}),
    client_id_issued_at: Math.floor(Date.now() / 1000),
    metadata: metadata.informational,
  };
  registeredClients(env).insert(client, resource.id);
  return { status: 201, json: registrationResponse(client, clientSecret), headers: { "cache-control": "no-store" } };
}

/** RFC 7591 §3.2.1: the client id, the secret once, and every registered metadata value. */
function registrationResponse(client: RegisteredClientRecord, clientSecret: string | undefined): Record<string, unknown> {
  return {
    client_id: client.id,
    client_id_issued_at: client.client_id_issued_at,
    ...(clientSecret ? { client_secret: clientSecret, client_secret_expires_at: 0 } : {}),
    redirect_uris: client.redirect_uris,
    grant_types: client.grant_types,
    response_types: client.response_types,
    token_endpoint_auth_method: client.token_endpoint_auth_method,
    ...(client.scope ? { scope: client.scope } : {}),
    ...client.metadata,
  };
}
