import { McpServer } from "pulumi-scalekit";
import type { NotesServerSettings } from "./stack-config";

/** Scopes the client asks for that are not the server's own: OpenID's, and offline_access for a refresh token. */
const CLIENT_SIDE_SCOPES = new Set(["openid", "profile", "email", "offline_access"]);

/**
 * Registers the server with Scalekit (what the dashboard's "MCP Servers → add a server" does): the URL
 * clients connect to, its scopes and token lifetime. A registration of the same URL made earlier, in
 * the dashboard or by another stack, is adopted. Its `resourceId` is the container's MCP_SERVER_ID.
 */
export function registerNotesServer(settings: NotesServerSettings): McpServer {
  return new McpServer("notes-server", {
    name: settings.serverName,
    serverUrl: settings.serverUrl,
    scopes: (settings.scopes ?? ["notes:read", "notes:write"]).filter((scope) => !CLIENT_SIDE_SCOPES.has(scope)),
    accessTokenLifetimeSeconds: settings.accessTokenLifetimeSeconds,
  });
}
