import type { ApiRequest, Reply } from "../../http/route-table";
import type { ClientCredentials } from "../client-auth";
import { oauthError } from "../oauth-error";
import type { GrantHandler, GrantRegistry } from "../token-endpoint";
import { clientSecretMatches } from "../../mcp/clients";
import { findClient, requireResource } from "../../mcp/lookup";
import type { McpClientRecord } from "../../mcp/record";
import { parseScopeParameter } from "../../mcp/scopes";
import { issueResourceToken, resourceTokenReply } from "../../mcp/tokens";

/**
 * Lets MCP resource clients use `client_credentials` at `/oauth/token`. Requests from any other client,
 * the environment's own API client included, still reach the handler registered before.
 */
export function addResourceClientCredentials(grants: GrantRegistry): void {
  const previous = grants.get("client_credentials");
  if (!previous) throw new Error("register the token endpoint before the authorization server");
  const handler: GrantHandler = (request, form, credentials) => {
    const client = credentials && findClient(request.env, credentials.clientId);
    return client ? resourceClientGrant(request, form, credentials, client) : previous(request, form, credentials);
  };
  grants.register("client_credentials", handler);
}

async function resourceClientGrant(
  request: ApiRequest,
  form: URLSearchParams,
  credentials: ClientCredentials,
  client: McpClientRecord,
): Promise<Reply> {
  const { env } = request;
  if (!clientSecretMatches(client, credentials.clientSecret) || !env.organizations.get(client.organization_id)) {
    const challenge: Record<string, string> = credentials.method === "client_secret_basic" ? { "www-authenticate": 'Basic realm="oauth"' } : {};
    return oauthError(401, "invalid_client", "client authentication failed: wrong secret or the client's organization is gone", challenge);
  }
  const resource = requireResource(env, client.resource_id);
  const target = form.get("resource");
  if (target !== null && target !== resource.resource_id && target !== resource.id) {
    return oauthError(400, "invalid_target", `this client may only request tokens for ${resource.resource_id}`);
  }
  const requested = parseScopeParameter(form.get("scope"));
  const outside = requested?.find((scope) => !client.scopes.includes(scope));
  if (outside !== undefined) return oauthError(400, "invalid_scope", `scope "${outside}" is not granted to this client`);
  const scopes = requested ?? client.scopes;
  const signed = await issueResourceToken(env, resource, { subject: client.id, clientId: client.id, organizationId: client.organization_id, scopes });
  return resourceTokenReply(signed, scopes);
}
