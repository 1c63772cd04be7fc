import { existsSync } from "node:fs";
import * as path from "node:path";
import type { PortalLinkFeature } from "../../api/enums";
import { readTenantsFileText } from "../file/load";
import { parseTenantsFile } from "../file/parse";
import { TenantsFileError } from "../file/problems";
import type { TenantEntry } from "../file/schema";
import { SHARDS_FILE } from "../shards/declaration";
import { loadShards } from "../shards/load";
import { organizationLocator, type OrganizationLocator } from "../organization-locator";

/** The tenant a portal link is for, as its tenants file describes it. */
export interface PortalLinkTarget {
  key: string;
  name: string;
  /** How the organization is found in Scalekit: the id it was adopted by, else the tenant's external id (its key by default). */
  organization: OrganizationLocator;
  /** The features of the tenant's `adminPortal` entry, or sso. */
  features: PortalLinkFeature[];
  /** The tenants file the tenant was found in, relative to the project. */
  tenantsFile: string;
}

/**
 * Finds a tenant by key: in `tenantsFile` when given; else, in a sharded project (shards.yaml), in
 * whichever shard holds it (keys are unique across shards); else in tenants.yaml. Only reads the
 * files: secret references are not resolved, so no secret is needed to mint a link.
 */
export function findPortalLinkTarget(options: { projectDir: string; tenant: string; tenantsFile?: string }): PortalLinkTarget {
  const { projectDir, tenant } = options;
  // loadShards has validated every shard file and knows each one's keys: only the holder is read again.
  const shards = !options.tenantsFile && existsSync(path.join(projectDir, SHARDS_FILE)) ? loadShards(path.join(projectDir, SHARDS_FILE)).shards : undefined;
  const files = options.tenantsFile
    ? [options.tenantsFile]
    : shards
      ? shards.filter((shard) => shard.tenantKeys.includes(tenant)).map((shard) => shard.tenantsFile)
      : ["tenants.yaml"];
  for (const file of files) {
    const entry = tenantIn(path.resolve(projectDir, file), file, tenant);
    if (entry) {
      const portal = entry.adminPortal;
      const features = typeof portal === "object" && portal.features ? portal.features : (["sso"] as PortalLinkFeature[]);
      return { key: entry.key, name: entry.name, organization: organizationLocator(entry), features, tenantsFile: file };
    }
  }
  throw new Error(`no tenant with key ${tenant} in ${(shards?.map((shard) => shard.tenantsFile) ?? files).join(", ")}`);
}

function tenantIn(file: string, fileName: string, key: string): TenantEntry | undefined {
  const parsed = parseTenantsFile(readTenantsFileText(file, fileName));
  if (parsed.problems.length) throw new TenantsFileError(fileName, parsed.problems);
  return parsed.tenants.find(({ entry }) => entry.key === key)?.entry;
}
