import type { ScalekitClient } from "../api/client";
import { readOrganizationSnapshot, type OrganizationSnapshot } from "../api/organization-snapshot";
import { findOrganization, type OrganizationLocator } from "../tenant/organization-locator";

/** What Scalekit holds for one tenant; no organization when Scalekit has none by the tenant's id or external id. */
export type TenantSnapshot = Partial<Pick<OrganizationSnapshot, "organization">> & Omit<OrganizationSnapshot, "organization">;

/** Reads a tenant's organization (by id or external id), its domains and its connections; read-only. */
export async function readTenantSnapshot(client: ScalekitClient, locator: OrganizationLocator): Promise<TenantSnapshot> {
  const organization = await findOrganization(client, locator);
  if (!organization) return { domains: [], connections: [], otherConnections: [] };
  return readOrganizationSnapshot(client, organization);
}
