/** A scope of an MCP server, as Scalekit's `Resource.scopes` lists it. */
export interface ResourceScope {
  id: string;
  name: string;
  description: string;
  enabled: boolean;
}

/**
 * An MCP server registered with the environment (`POST /api/v1/resources`, `resource_type:
 * MCP_SERVER`): the stored part of Scalekit's `Resource` message. Careful with the names Scalekit
 * chose: `id` is the `res_…` identifier, `resource_id` the server URL.
 */
export interface McpResourceRecord {
  id: string;
  resource_type: "MCP_SERVER";
  name: string;
  description: string;
  /** The MCP server URL: the `resource` clients send and the tokens' `aud`. Unique in the environment. */
  resource_id: string;
  resource_uri?: string;
  scopes: ResourceScope[];
  /** Seconds. */
  access_token_expiry: number;
  /** Seconds. */
  refresh_token_expiry: number;
  disable_dynamic_client_registration: boolean;
  enable_cimd: boolean;
  intersect_scopes_user_permission: boolean;
  xaa_enabled: boolean;
  logo_uri?: string;
  provider?: string;
  create_time: string;
  update_time: string;
}

/** A machine-to-machine client bound to one organization, one resource and a set of its scopes. */
export interface McpClientRecord {
  id: string;
  resource_id: string;
  organization_id: string;
  scopes: string[];
  /** Only the digest is kept: the plain secret is shown once, at creation. */
  secret_sha256: string;
  create_time: string;
}
