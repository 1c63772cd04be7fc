import { requireOrganization } from "../api/organizations/lookup";
import type { Environment } from "../environment";
import { createClient } from "./clients";
import { authorizationServerUrl, findResourceByUrl, mcpResources, requireResource } from "./lookup";
import type { McpResourceRecord } from "./record";
import { createResource, scopeNamesOf } from "./resources";
import { readScopeList, requireSubset } from "./scopes";
import { issueResourceToken, type ClaimStyle } from "./tokens";

/** What `POST /api/v1/resources` takes for an MCP server, in short. */
export interface McpResourceInput {
  /** The MCP server URL; tokens carry it in `aud`. Unique in the environment. */
  resourceUrl: string;
  /** Default: the URL. */
  displayName?: string;
  scopes?: string[];
  /** 60-86400, default 3600. */
  accessTokenTtlSeconds?: number;
  /** Default: the emulator's refresh-token lifetime (30 days). */
  refreshTokenTtlSeconds?: number;
  /** Default false: MCP clients may register themselves. */
  disableDynamicClientRegistration?: boolean;
}

export interface McpResource {
  id: string;
  displayName: string;
  resourceUrl: string;
  scopes: string[];
  accessTokenTtlSeconds: number;
  refreshTokenTtlSeconds: number;
  createTime: string;
  /** `{env}/resources/{id}`: the value of `authorization_servers` in the server's protected resource metadata. */
  authorizationServer: string;
  /** `{env}/.well-known/oauth-authorization-server/resources/{id}`. */
  metadataUrl: string;
}

export interface McpClientInput {
  resourceId: string;
  organizationId: string;
  /** Default: every scope of the resource. */
  scopes?: string[];
}

export interface McpClientCredentials {
  clientId: string;
  clientSecret: string;
  resourceId: string;
  organizationId: string;
  scopes: string[];
}

/** A token as an SSO sign-in through `/oauth/authorize` gives one, minted directly (tests of a server's token checks). */
export interface McpTokenInput {
  resourceId: string;
  organizationId: string;
  /** Default: a new `usr_…` id. */
  subject?: string;
  email?: string;
  /** Default: every scope of the resource. */
  scopes?: string[];
  clientId?: string;
  /** Default: the resource's lifetime. Negative: already expired, for testing a server's expiry check. */
  expiresInSeconds?: number;
  /** Default "sdk": `scopes` array and `oid`; "integrations": `scope` string and `org_id`. */
  claimStyle?: ClaimStyle;
  /** Default: the environment's (`mcpTokenIssuer`). */
  issuerForm?: "environment" | "resource";
}

export interface McpIssuedToken {
  accessToken: string;
  jti: string;
  expiresIn: number;
}

/** MCP servers from code: registration as `POST /api/v1/resources` does it, plus what only the dashboard does (M2M clients) and tokens for tests. */
export interface McpAdmin {
  registerResource(input: McpResourceInput): McpResource;
  getResource(id: string): McpResource | undefined;
  findResourceByUrl(resourceUrl: string): McpResource | undefined;
  /** A client-credentials client bound to an organization; exchange it at `POST /oauth/token`. */
  createClient(input: McpClientInput): McpClientCredentials;
  issueToken(input: McpTokenInput): Promise<McpIssuedToken>;
}

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
