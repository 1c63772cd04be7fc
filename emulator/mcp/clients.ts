import { invalidField } from "../errors";
import type { Environment } from "../environment";
import { requireOrganization } from "../api/organizations/lookup";
import { randomSecret, secretsEqual, sha256 } from "../secrets";
import { mcpClients, requireResource } from "./lookup";
import type { McpClientRecord } from "./record";
import { scopeNamesOf } from "./resources";
import { readScopeList, requireSubset } from "./scopes";

export interface ClientFields {
  organization_id: string;
  /** Default: every scope of the resource. */
  scopes?: string[];
}

export interface CreatedClient {
  client: McpClientRecord;
  /** Returned once; only its digest is stored. */
  clientSecret: string;
}

/** Creates a client-credentials client for one organization and a subset of the resource's scopes. */
export function createClient(env: Environment, resourceId: string, fields: ClientFields): CreatedClient {
  if (!fields.organization_id) throw invalidField("organization_id", "is required");
  return env.transaction(() => {
    const resource = requireResource(env, resourceId);
    const organization = requireOrganization(env, fields.organization_id);
    const scopes = readScopeList("scopes", fields.scopes ?? scopeNamesOf(resource));
    requireSubset("scopes", scopes, scopeNamesOf(resource));
    const clientSecret = `test_${randomSecret(48)}`;
    const client = mcpClients(env).insert(
      {
        id: env.ids.next("m2morg"),
        resource_id: resource.id,
        organization_id: organization.id,
        scopes,
        secret_sha256: sha256(clientSecret),
        create_time: new Date().toISOString(),
      },
      resource.id,
    );
    return { client, clientSecret };
  });
}

export function clientSecretMatches(client: McpClientRecord, secret: string): boolean {
  return secretsEqual(sha256(secret), client.secret_sha256);
}

/** The wire form of a client; the secret only appears in the creation response. */
export function clientView(client: McpClientRecord, clientSecret?: string): Record<string, unknown> {
  const { secret_sha256: _digest, id, ...rest } = client;
  return { client_id: id, ...(clientSecret === undefined ? {} : { client_secret: clientSecret }), ...rest };
}
