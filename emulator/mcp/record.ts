/** An MCP server registered with the environment (Scalekit dashboard > MCP Servers). */
export interface McpResourceRecord {
  id: string;
  display_name: string;
  /** The MCP server URL: the resource identifier clients send and tokens carry in `aud`. */
  resource_url: string;
  scopes: string[];
  access_token_ttl_seconds: number;
  create_time: string;
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
