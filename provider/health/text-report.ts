import { needsAction, type TenantHealth } from "./tenant-health";

/**
 * One line per tenant: whether it needs action, its shard (when checked across shards), its connection,
 * certificate and domains, then what is wrong.
 */
export function healthLines(tenants: readonly TenantHealth[]): string[] {
  const width = Math.max(0, ...tenants.map((tenant) => tenant.key.length));
  const shardWidth = Math.max(0, ...tenants.map((tenant) => tenant.shard?.length ?? 0));
  return tenants.map((tenant) => {
    const mark = needsAction(tenant) ? "ACTION" : "ok    ";
    const shard = shardWidth ? [(tenant.shard ?? "").padEnd(shardWidth)] : [];
    const facts = tenant.organizationId ? [tenant.organizationId, connectionSummary(tenant), certificateSummary(tenant), domainSummary(tenant)] : [];
    const problems = tenant.problems.map((problem) => problem.message).join("; ");
    return [mark, ...shard, tenant.key.padEnd(width), ...facts, ...(problems ? [`| ${problems}`] : [])].join("  ");
  });
}

export function healthSummary(tenants: readonly TenantHealth[]): string {
  const flagged = tenants.filter(needsAction).length;
  return flagged ? `${flagged} of ${tenants.length} tenants need action` : `all ${tenants.length} tenants are healthy`;
}

function connectionSummary(tenant: TenantHealth): string {
  const connection = tenant.connection;
  if (!connection) return "no SSO connection";
  return `${connection.protocol} ${connection.provider} ${connection.enabled ? "enabled" : "disabled"} ${connection.status ?? "?"}`;
}

function certificateSummary(tenant: TenantHealth): string {
  const days = tenant.connection?.daysUntilCertificateExpires;
  return days === undefined ? "cert -" : `cert ${days} d`;
}

function domainSummary(tenant: TenantHealth): string {
  const verified = tenant.domains.filter((domain) => domain.verified).length;
  return `domains ${verified}/${tenant.domains.length} verified`;
}
