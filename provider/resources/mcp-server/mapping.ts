import type { CreateResourceBody, UpdateResourceBody } from "../../api/requests";
import type { ResourceWire } from "../../api/wire";
import type { McpServerInputs, McpServerOutputs } from "./schema";
import { protectedResourceMetadataUrl } from "./protected-resource-metadata-url";

export function toCreateBody(inputs: McpServerInputs): CreateResourceBody {
  return {
    resource_type: "MCP_SERVER",
    name: inputs.name,
    description: inputs.description,
    resource_id: inputs.serverUrl,
    scopes: inputs.scopes,
    access_token_expiry: inputs.accessTokenLifetimeSeconds,
    refresh_token_expiry: inputs.refreshTokenLifetimeSeconds,
    disable_dynamic_client_registration: !inputs.dynamicClientRegistration,
    enable_cimd: inputs.clientIdMetadataDocuments,
  };
}

/** Only the changed fields; a removed description is cleared. */
export function toUpdateBody(news: McpServerInputs, changed: ReadonlyArray<keyof McpServerInputs>): UpdateResourceBody {
  const body: UpdateResourceBody = {};
  if (changed.includes("name")) body.name = news.name;
  if (changed.includes("description")) body.description = news.description ?? "";
  if (changed.includes("serverUrl")) body.resource_id = news.serverUrl;
  if (changed.includes("scopes")) body.scopes = news.scopes;
  if (changed.includes("accessTokenLifetimeSeconds")) body.access_token_expiry = news.accessTokenLifetimeSeconds;
  if (changed.includes("refreshTokenLifetimeSeconds")) body.refresh_token_expiry = news.refreshTokenLifetimeSeconds;
  if (changed.includes("dynamicClientRegistration")) body.disable_dynamic_client_registration = !news.dynamicClientRegistration;
  if (changed.includes("clientIdMetadataDocuments")) body.enable_cimd = news.clientIdMetadataDocuments;
  return body;
}

/** The inputs that describe the live registration; settings the program leaves unmanaged stay unset. */
export function observedInputs(live: ResourceWire, managed: Partial<McpServerInputs>): McpServerInputs {
  return {
    name: live.name ?? "",
    description: live.description || undefined,
    serverUrl: live.resource_id ?? "",
    scopes: (live.scopes ?? []).filter((scope) => scope.enabled !== false).map((scope) => scope.name).sort(),
    accessTokenLifetimeSeconds: managed.accessTokenLifetimeSeconds !== undefined ? (live.access_token_expiry ?? undefined) : undefined,
    refreshTokenLifetimeSeconds: managed.refreshTokenLifetimeSeconds !== undefined ? (live.refresh_token_expiry ?? undefined) : undefined,
    dynamicClientRegistration: !live.disable_dynamic_client_registration,
    clientIdMetadataDocuments: managed.clientIdMetadataDocuments !== undefined ? (live.enable_cimd ?? false) : undefined,
  };
}

/**
 * Outputs = the inputs + where MCP clients and the server find each other: the authorization server
 * (`{env}/resources/{id}`, as Scalekit's protected resource metadata names it) and both metadata URLs.
 */
export function toOutputs(inputs: McpServerInputs, live: ResourceWire, environmentUrl: string): McpServerOutputs {
  return {
    ...inputs,
    resourceId: live.id,
    authorizationServerUrl: `${environmentUrl}/resources/${live.id}`,
    authorizationServerMetadataUrl: `${environmentUrl}/.well-known/oauth-authorization-server/resources/${live.id}`,
    protectedResourceMetadataUrl: live.protected_metadata_uri || protectedResourceMetadataUrl(inputs.serverUrl),
    createTime: live.create_time ?? undefined,
  };
}
