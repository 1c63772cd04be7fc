import type { ScalekitClient } from "../api/client";
import { readOrganizationSnapshot } from "../api/organization-snapshot";
import type { OrganizationWire } from "../api/wire";
import { inParallel } from "../core/in-parallel";
import { parseTenantsFile } from "../tenant/file/parse";
import { TenantsFileError } from "../tenant/file/problems";
import { scaffoldTenant, type ScaffoldedTenant } from "./tenant-entry";
import { tenantsDocument } from "./tenants-document";
import { TenantKeys } from "./tenant-keys";

export interface ScaffoldOptions {
  /** Organizations read at the same time (default 8); the client's request budget paces them further. */
  concurrency?: number;
  /** The date the header gives (default now). */
  now?: Date;
}

export interface ScaffoldResult {
  /** The tenants file: valid as it is, secrets referenced and never written. */
  text: string;
  /** One per organization, in the file's order (Scalekit's creation order). */
  tenants: ScaffoldedTenant[];
  /** The stack config keys of the OIDC client secrets to set before `pulumi up`. */
  secretConfigKeys: string[];
}

/**
 * A tenants file that reproduces the Scalekit environment the client points at: every organization
 * (across pages) with its domains and its SSO connection, each entry marked `adopt: true`, so the first
 * `pulumi up` on it takes everything over and writes nothing. Read-only: it only GETs.
 */
export async function scaffoldTenantsFile(client: ScalekitClient, options: ScaffoldOptions = {}): Promise<ScaffoldResult> {
  const organizations: OrganizationWire[] = [];
  for await (const organization of client.organizations.list(100)) organizations.push(organization);
  organizations.sort((a, b) => a.create_time.localeCompare(b.create_time) || a.id.localeCompare(b.id));

  const snapshots = await inParallel(organizations, options.concurrency ?? 8, (organization) => readOrganizationSnapshot(client, organization));
  const keys = new TenantKeys();
  const tenants = snapshots.map((snapshot) => scaffoldTenant(snapshot, keys.assign(snapshot.organization)));
  const text = tenantsDocument(tenants, { environmentUrl: client.settings.environmentUrl, generatedAt: options.now ?? new Date() });

  // The file must load as `pulumi up` loads it; a problem here is a fault of the scaffold, reported as such.
  const { problems } = parseTenantsFile(text);
  if (problems.length) throw new TenantsFileError("the scaffolded tenants file", problems);
  return { text, tenants, secretConfigKeys: tenants.flatMap((tenant) => (tenant.secretConfigKey ? [tenant.secretConfigKey] : [])) };
}
