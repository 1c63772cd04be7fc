import { ApiError, invalidField } from "../errors";
import type { Environment } from "../environment";
import type { WireObject } from "../http/wire-message";
import { protectedResourceMetadataUrl } from "../../provider/resources/mcp-server/protected-resource-metadata-url";
import { authorizationServerUrl, findResourceByUrl, mcpClients, mcpResources } from "./lookup";
import type { McpResourceRecord, ResourceScope } from "./record";
import { registeredClients } from "./registration/lookup";

const DEFAULT_ACCESS_TOKEN_EXPIRY_SECONDS = 3600;
const MIN_EXPIRY_SECONDS = 60;
const MAX_ACCESS_TOKEN_EXPIRY_SECONDS = 86400;
/** `Scope.name` in Scalekit's protos. */
const SCOPE_NAME = /^[a-zA-Z0-9:]{1,64}$/;

/** Registers an MCP server from a `CreateResource` message; its URL is unique in the environment because tokens name it in `aud`. */
export function createResource(env: Environment, fields: WireObject): McpResourceRecord {
  if (fields.resource_type !== "MCP_SERVER") {
    throw invalidField("resource_type", fields.resource_type ? "only MCP_SERVER resources are modelled by the emulator" : "is required");
  }
  const now = new Date().toISOString();
  const record: McpResourceRecord = {
    id: "",
    resource_type: "MCP_SERVER",
    name: checkName(fields.name),
    description: checkLength("description", (fields.description as string | undefined) ?? "", 512),
    resource_id: checkServerUrl(fields.resource_id),
    scopes: [],
    access_token_expiry: checkAccessTokenExpiry(fields.access_token_expiry),
    refresh_token_expiry: checkRefreshTokenExpiry(env, fields.refresh_token_expiry),
    disable_dynamic_client_registration: fields.disable_dynamic_client_registration === true,
    enable_cimd: fields.enable_cimd === true,
    intersect_scopes_user_permission: fields.intersect_scopes_user_permission === true,
    xaa_enabled: fields.xaa_enabled === true,
    ...optionalStrings(fields),
    create_time: now,
    update_time: now,
  };
  return env.transaction(() => {
    assertServerUrlUnclaimed(env, record.resource_id);
    record.id = env.ids.next("res");
    record.scopes = scopeList(env, (fields.scopes as string[] | undefined) ?? [], []);
    return mcpResources(env).insert(record);
  });
}

/** One registration per server URL: the emulator's choice (README, "Not established"). */
function assertServerUrlUnclaimed(env: Environment, url: string, selfId?: string): void {
  const holder = findResourceByUrl(env, url);
  if (holder && holder.id !== selfId) {
    throw new ApiError("ALREADY_EXISTS", `an MCP server with resource_id ${url} is already registered`, {
      violations: [{ field: "resource_id", description: "must be unique in the environment" }],
    });
  }
}

/** Applies an `UpdateResource` message: the keys present change. */
export function updateResource(env: Environment, resource: McpResourceRecord, fields: WireObject): McpResourceRecord {
  return env.transaction(() => {
    const next: McpResourceRecord = { ...resource, ...optionalStrings(fields), update_time: new Date().toISOString() };
    for (const name of ["resource_uri", "logo_uri", "provider"] as const) if (name in fields && !fields[name]) delete next[name];
    if ("name" in fields) next.name = checkName(fields.name);
    if ("description" in fields) next.description = checkLength("description", (fields.description as string | null) ?? "", 512);
    if ("resource_id" in fields) {
      next.resource_id = checkServerUrl(fields.resource_id);
      assertServerUrlUnclaimed(env, next.resource_id, resource.id);
    }
    if ("scopes" in fields) next.scopes = scopeList(env, (fields.scopes as string[] | null) ?? [], resource.scopes);
    if ("access_token_expiry" in fields) next.access_token_expiry = checkAccessTokenExpiry(fields.access_token_expiry);
    if ("refresh_token_expiry" in fields) next.refresh_token_expiry = checkRefreshTokenExpiry(env, fields.refresh_token_expiry);
    for (const flag of ["disable_dynamic_client_registration", "enable_cimd", "intersect_scopes_user_permission", "xaa_enabled"] as const) {
      if (flag in fields) next[flag] = fields[flag] === true;
    }
    return mcpResources(env).update(next);
  });
}

/** Deletes the server with every client registered for it. */
export function deleteResource(env: Environment, resource: McpResourceRecord): void {
  env.transaction(() => {
    mcpClients(env).deleteByParent(resource.id);
    registeredClients(env).deleteByParent(resource.id);
    mcpResources(env).delete(resource.id);
  });
}

/** The names of the scopes a client may ask for. */
export function scopeNamesOf(resource: McpResourceRecord): string[] {
  return resource.scopes.filter((scope) => scope.enabled).map((scope) => scope.name);
}

/**
 * The wire `Resource`: the stored fields plus what Scalekit computes, the protected resource
 * metadata the server should publish and where. int64 fields are strings, as protojson writes them.
 */
export function resourceToWire(env: Environment, resource: McpResourceRecord): Record<string, unknown> {
  return {
    ...resource,
    access_token_expiry: String(resource.access_token_expiry),
    refresh_token_expiry: String(resource.refresh_token_expiry),
    protected_metadata: {
      resource: resource.resource_id,
      authorization_servers: [authorizationServerUrl(env, resource.id)],
      bearer_methods_supported: ["header"],
      scopes_supported: scopeNamesOf(resource),
    },
    protected_metadata_uri: protectedResourceMetadataUrl(resource.resource_id),
  };
}

function optionalStrings(fields: WireObject): Partial<Pick<McpResourceRecord, "resource_uri" | "logo_uri" | "provider">> {
  const out: Partial<Pick<McpResourceRecord, "resource_uri" | "logo_uri" | "provider">> = {};
  for (const name of ["resource_uri", "logo_uri", "provider"] as const) {
    if (typeof fields[name] === "string" && fields[name] !== "") out[name] = checkLength(name, fields[name] as string, 512);
  }
  return out;
}

/** Scope names as given, deduplicated; a scope kept from `previous` keeps its id. */
function scopeList(env: Environment, names: string[], previous: ResourceScope[]): ResourceScope[] {
  return [...new Set(names)].map((name, i) => {
    if (!SCOPE_NAME.test(name)) throw invalidField(`scopes[${i}]`, "must be 1-64 letters, digits or colons (for example notes:read)");
    return previous.find((scope) => scope.name === name) ?? { id: env.ids.next("perm"), name, description: "", enabled: true };
  });
}

function checkName(value: unknown): string {
  if (typeof value !== "string" || value.trim() === "") throw invalidField("name", "is required");
  return checkLength("name", value, 128);
}

function checkLength(name: string, value: string, max: number): string {
  if (value.length > max) throw invalidField(name, `must be at most ${max} characters`);
  return value;
}

function checkServerUrl(value: unknown): string {
  if (typeof value !== "string" || value === "") throw invalidField("resource_id", "is required: the URL of the MCP server");
  checkLength("resource_id", value, 512);
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw invalidField("resource_id", "must be an absolute URL");
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") throw invalidField("resource_id", "must be an http or https URL");
  if (value.includes("#")) throw invalidField("resource_id", "must not have a fragment (RFC 8707)");
  return value;
}

function checkAccessTokenExpiry(value: unknown): number {
  const seconds = (value as number | null | undefined) || DEFAULT_ACCESS_TOKEN_EXPIRY_SECONDS;
  if (seconds < MIN_EXPIRY_SECONDS || seconds > MAX_ACCESS_TOKEN_EXPIRY_SECONDS) {
    throw invalidField("access_token_expiry", `must be from ${MIN_EXPIRY_SECONDS} to ${MAX_ACCESS_TOKEN_EXPIRY_SECONDS} seconds`);
  }
  return seconds;
}

function checkRefreshTokenExpiry(env: Environment, value: unknown): number {
  const seconds = (value as number | null | undefined) || env.defaultRefreshTokenExpirySeconds;
  if (seconds < MIN_EXPIRY_SECONDS) throw invalidField("refresh_token_expiry", `must be at least ${MIN_EXPIRY_SECONDS} seconds`);
  return seconds;
}
