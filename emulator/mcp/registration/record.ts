/**
 * An MCP client that registered itself for one MCP server: through dynamic client registration
 * (RFC 7591, `clients:register`) or, later, a client ID metadata document. Scalekit makes these
 * clients public: no secret, PKCE only (DD `authenticate/mcp/managing-mcp-clients.mdx`).
 */
export interface RegisteredClientRecord {
  id: string;
  resource_id: string;
  redirect_uris: string[];
  grant_types: string[];
  response_types: string[];
  token_endpoint_auth_method: "none";
  /** Space-separated scopes the client registered for; absent: every scope of the resource. */
  scope?: string;
  client_id_issued_at: number;
  /** The rest of the client's metadata (client_name, client_uri, software_id, …), echoed back as sent. */
  metadata: Record<string, unknown>;
}
