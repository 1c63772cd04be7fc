import type { ScalekitClient } from "../api/client";
import type { OrganizationWire } from "../api/wire";
import { tenantExternalId } from "./tenant-key";

/** How a tenant's organization is found in Scalekit: the id it was adopted by, else its external id. */
export type OrganizationLocator = { organizationId: string } | { externalId: string };

export function organizationLocator(tenant: { key: string; externalId?: string; organizationId?: string }): OrganizationLocator {
  if (tenant.organizationId !== undefined) return { organizationId: tenant.organizationId };
  return { externalId: tenantExternalId(tenant.key, tenant)! };
}

/** The organization, or undefined when Scalekit has none by that id or external id. */
export function findOrganization(client: ScalekitClient, locator: OrganizationLocator): Promise<OrganizationWire | undefined> {
  return "organizationId" in locator ? client.organizations.findById(locator.organizationId) : client.organizations.findByExternalId(locator.externalId);
}

/** "id org_…" or "external id acme", for messages. */
export const describeLocator = (locator: OrganizationLocator): string =>
  "organizationId" in locator ? `id ${locator.organizationId}` : `external id ${locator.externalId}`;
