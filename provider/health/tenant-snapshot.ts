import type { ScalekitClient } from "../api/client";
import { SSO_CONNECTION_TYPES } from "../api/enums";
import type { ConnectionWire, DomainWire, OrganizationWire } from "../api/wire";
import { findOrganization, type OrganizationLocator } from "../tenant/organization-locator";

/** What Scalekit holds for one tenant. */
export interface TenantSnapshot {
  /** Absent when Scalekit has no organization by the tenant's id or external id. */
  organization?: OrganizationWire;
  domains: DomainWire[];
  /** The organization's SSO connections (SAML and OIDC), each read in full. */
  connections: ConnectionWire[];
}

/** Reads a tenant's organization (by id or external id), its domains and its SSO connections; read-only. */
export async function readTenantSnapshot(client: ScalekitClient, locator: OrganizationLocator): Promise<TenantSnapshot> {
  const organization = await findOrganization(client, locator);
  if (!organization) return { domains: [], connections: [] };
  const domains: DomainWire[] = [];
  for await (const domain of client.domains.list(organization.id)) domains.push(domain);
  const summaries = await client.connections.list({ organizationId: organization.id, includeAll: true });
  const sso = summaries.filter((summary) => (SSO_CONNECTION_TYPES as readonly string[]).includes(summary.type));
  const connections = await Promise.all(sso.map((summary) => client.connections.get(organization.id, summary.id)));
  return { organization, domains, connections };
}
