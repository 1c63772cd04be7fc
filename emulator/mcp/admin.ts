import { requireOrganization } from "../api/organizations/lookup";
import type { Environment } from "../environment";
import type { McpAdmin, McpResource } from "../types";
import { createClient } from "./clients";
import { authorizationServerUrl, findResourceByUrl, mcpResources, requireResource } from "./lookup";
import type { McpResourceRecord } from "./record";
import { createResource, scopeNamesOf } from "./resources";
import { readScopeList, requireSubset } from "./scopes";
import { issueResourceToken } from "./tokens";

export function createMcpAdmin(env: Environment): McpAdmin {
  const view = (record: McpResourceRecord): McpResource => ({
    id: record.id,
    displayName: record.name,
    resourceUrl: record.resource_id,
    scopes: scopeNamesOf(record),
    accessTokenTtlSeconds: record.access_token_expiry,
    refreshTokenTtlSeconds: record.refresh_token_expiry,
    createTime: record.create_time,
    authorizationServer: authorizationServerUrl(env, record.id),
    metadataUrl: `${env.url}/.well-known/oauth-authorization-server/resources/${record.id}`,
  });
  const viewOf = (record: McpResourceRecord | undefined) => (record ? view(record) : undefined);

  return {
    registerResource: (input) =>
      view(
        createResource(env, {
          resource_type: "MCP_SERVER",
          name: input.displayName ?? input.resourceUrl,
          resource_id: input.resourceUrl,
          scopes: input.scopes,
          access_token_expiry: input.accessTokenTtlSeconds,
          refresh_token_expiry: input.refreshTokenTtlSeconds,
          disable_dynamic_client_registration: input.disableDynamicClientRegistration,
        }),
      ),
    getResource: (id) => viewOf(mcpResources(env).get(id)),
    findResourceByUrl: (resourceUrl) => viewOf(findResourceByUrl(env, resourceUrl)),
    createClient: (input) => {
      const { client, clientSecret } = createClient(env, input.resourceId, { organization_id: input.organizationId, scopes: input.scopes });
      return { clientId: client.id, clientSecret, resourceId: client.resource_id, organizationId: client.organization_id, scopes: client.scopes };
    },
    issueToken: async (input) => {
      const resource = requireResource(env, input.resourceId);
      const organization = requireOrganization(env, input.organizationId);
      const scopes = readScopeList("scopes", input.scopes ?? scopeNamesOf(resource));
      requireSubset("scopes", scopes, scopeNamesOf(resource));
      const signed = await issueResourceToken(env, resource, {
        subject: input.subject ?? env.ids.next("usr"),
        organizationId: organization.id,
        scopes,
        clientId: input.clientId,
        email: input.email,
        expiresInSeconds: input.expiresInSeconds,
        claimStyle: input.claimStyle,
        issuerForm: input.issuerForm,
      });
      return { accessToken: signed.token, jti: signed.jti, expiresIn: signed.expiresIn };
    },
  };
}
