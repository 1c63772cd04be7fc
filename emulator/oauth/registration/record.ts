/** How a registered client authenticates at the token endpoint (RFC 7591 §2). */
export const CLIENT_AUTH_METHODS = ["none", "client_secret_basic", "client_secret_post"] as const;
export type ClientAuthMethod = (typeof CLIENT_AUTH_METHODS)[number];

/** An MCP client registered through dynamic client registration (RFC 7591) for one MCP resource. */
export interface RegisteredClientRecord {
  id: string;
  resource_id: string;
  redirect_uris: string[];
  grant_types: string[];
  response_types: string[];
  token_endpoint_auth_method: ClientAuthMethod;
  /** Space-separated scopes the client registered for; absent: every scope of the resource. */
  scope?: string;
  /** Only for confidential clients; the plain secret is returned once, at registration. */
  secret_sha256?: string;
  client_id_issued_at: number;
  /** The rest of the client's metadata (client_name, client_uri, software_id, …), echoed back as sent. */
  metadata: Record<string, unknown>;
}
