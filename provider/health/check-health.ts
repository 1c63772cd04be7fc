import type { ScalekitClient } from "../api/client";
import { inParallel } from "../core/in-parallel";
import { CERTIFICATE_WARNING_DAYS } from "../resources/sso-connection/certificate-expiry";
import { readTenantsFileText } from "../tenant/file/load";
import { parseTenantsFile } from "../tenant/file/parse";
import { TenantsFileError } from "../tenant/file/problems";
import { organizationLocator } from "../tenant/organization-locator";
import { assessTenant } from "./assess-tenant";
import type { TenantHealth } from "./tenant-health";
import { readTenantSnapshot } from "./tenant-snapshot";

export interface HealthCheckOptions {
  /** A certificate expiring within this many days needs action (default 30, as `refresh` warns). */
  certificateDays?: number;
  /** Tenants read at the same time (default 8); the client's request budget paces them further. */
  concurrency?: number;
  now?: Date;
}

/**
 * The health of every tenant of a tenants file, in file order, read from Scalekit without changing
 * anything. The file is validated as `pulumi up` validates it (secret references are not resolved:
 * health needs none), and a file with problems throws a TenantsFileError listing them.
 */
export async function checkTenantsHealth(tenantsFile: string, client: ScalekitClient, options: HealthCheckOptions = {}): Promise<TenantHealth[]> {
  const { tenants, problems } = parseTenantsFile(readTenantsFileText(tenantsFile));
  if (problems.length) throw new TenantsFileError(tenantsFile, problems);
  const assess = { now: options.now ?? new Date(), certificateDays: options.certificateDays ?? CERTIFICATE_WARNING_DAYS };
  return inParallel(tenants, options.concurrency ?? 8, async ({ entry }) => assessTenant(entry, await readTenantSnapshot(client, organizationLocator(entry)), assess));
}
