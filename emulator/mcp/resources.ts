import { ApiError, invalidField } from "../errors";
import type { Environment } from "../environment";
import { authorizationServerUrl, findResourceByUrl, mcpResources } from "./lookup";
import type { McpResourceRecord } from "./record";
import { readScopeList } from "./scopes";

export interface ResourceFields {
  resource_url: string;
  display_name?: string;
  scopes?: string[];
  access_token_ttl_seconds?: number;
}

export const DEFAULT_ACCESS_TOKEN_TTL_SECONDS = 3600;
const MIN_TTL_SECONDS = 60;
const MAX_TTL_SECONDS = 86400;

/** Registers an MCP server; its URL is unique in the environment because tokens name it in `aud`. */
export function registerResource(env: Environment, fields: ResourceFields): McpResourceRecord {
  const resourceUrl = checkResourceUrl(fields.resource_url);
  const scopes = readScopeList("scopes", fields.scopes ?? []);
  const ttl = fields.access_token_ttl_seconds ?? DEFAULT_ACCESS_TOKEN_TTL_SECONDS;
  if (!Number.isInteger(ttl) || ttl < MIN_TTL_SECONDS || ttl > MAX_TTL_SECONDS) {
    throw invalidField("access_token_ttl_seconds", `must be an integer from ${MIN_TTL_SECONDS} to ${MAX_TTL_SECONDS}`);
  }
  return env.transaction(() => {
    if (findResourceByUrl(env, resourceUrl)) {
      throw new ApiError("ALREADY_EXISTS", `an MCP resource with resource_url ${resourceUrl} already exists`);
    }
    return mcpResources(env).insert({
      id: env.ids.next("res"),
      display_name: fields.display_name || resourceUrl,
      resource_url: resourceUrl,
      scopes,
      access_token_ttl_seconds: ttl,
      create_time: new Date().toISOString(),
    });
  });
}

/** The wire form of a resource, with the authorization server URL its protected resource metadata must list. */
export function resourceView(env: Environment, resource: McpResourceRecord): Record<string, unknown> {
  return { ...resource, authorization_server: authorizationServerUrl(env, resource.id) };
}

function checkResourceUrl(value: string | undefined): string {
  if (!value) throw invalidField("resource_url", "is required");
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw invalidField("resource_url", "must be an absolute URL");
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") throw invalidField("resource_url", "must be an http or https URL");
  if (value.includes("#")) throw invalidField("resource_url", "must not have a fragment (RFC 8707)");
  return value;
}
