import type { ConnectionWire, DomainWire } from "../api/wire";
import { changedFields } from "../core/diff";
import { observedInputs as observedDomain } from "../resources/domain/mapping";
import { observedInputs as observedOrganization } from "../resources/organization/mapping";
import { ORGANIZATION_DIFF_RULES, OrganizationInputs } from "../resources/organization/schema";
import { daysUntil } from "../resources/sso-connection/certificate-expiry";
import type { TenantEntry, TenantSsoEntry } from "../tenant/file/schema";
import { describeLocator, organizationLocator } from "../tenant/organization-locator";
import { connectionKeyId, tenantExternalId } from "../tenant/tenant-key";
import type { ConnectionHealth, DomainHealth, HealthProblem, TenantHealth } from "./tenant-health";
import type { TenantSnapshot } from "./tenant-snapshot";

export interface AssessOptions {
  now: Date;
  /** A certificate expiring within this many days needs action. */
  certificateDays: number;
}

const VERIFIED_STATUSES = new Set(["VERIFIED", "AUTO_VERIFIED"]);

/**
 * A tenant's health: Scalekit's objects compared with the tenant's entry (the organization with its
 * resource's own mapping and diff rules; domains by name and type; the connection the provider would
 * manage, found as it finds it, by provider, protocol and enabled), plus what no diff shows: a domain
 * waiting for DNS verification, an incomplete connection, an expiring certificate.
 */
export function assessTenant(entry: TenantEntry, snapshot: TenantSnapshot, options: AssessOptions): TenantHealth {
  const health: TenantHealth = { key: entry.key, name: entry.name, domains: [], problems: [] };
  const { organization } = snapshot;
  if (!organization) {
    health.problems.push({ kind: "missing", message: `not in Scalekit: no organization has ${describeLocator(organizationLocator(entry))} (\`pulumi up\` creates it)` });
    return health;
  }
  health.organizationId = organization.id;
  health.problems.push(...organizationDrift(entry, snapshot));
  const domains = assessDomains(entry, snapshot.domains);
  health.domains = domains.health;
  health.problems.push(...domains.problems);
  const connection = assessConnection(entry, snapshot.connections, options);
  health.connection = connection.health;
  health.problems.push(...connection.problems);
  return health;
}

function organizationDrift(entry: TenantEntry, snapshot: TenantSnapshot): HealthProblem[] {
  const desired = OrganizationInputs.parse({
    displayName: entry.name,
    externalId: tenantExternalId(entry.key, entry),
    slug: entry.slug,
    logoUrl: entry.logoUrl,
    metadata: entry.metadata,
    features: entry.features,
  });
  const observed = observedOrganization(snapshot.organization!, desired);
  return changedFields(ORGANIZATION_DIFF_RULES, observed, desired).map((field) => ({
    kind: "drift",
    message: `${field} is ${shown(observed[field])} in Scalekit, ${shown(desired[field])} in the file`,
  }));
}

function assessDomains(entry: TenantEntry, live: readonly DomainWire[]): { health: DomainHealth[]; problems: HealthProblem[] } {
  const declared = new Map(
    entry.domains.map((item) => (typeof item === "string" ? [item, "ORGANIZATION_DOMAIN"] : [item.domain, item.type]) as [string, string]),
  );
  const problems: HealthProblem[] = [];
  const health = live.map((domain): DomainHealth => {
    const { domain: name, domainType: type } = observedDomain(domain, domain.organization_id ?? "");
    const verified = type !== "ORGANIZATION_DOMAIN" || VERIFIED_STATUSES.has(domain.verification_status ?? "");
    const wanted = declared.get(name);
    if (wanted === undefined) problems.push({ kind: "drift", message: `domain ${name} is in Scalekit but not in the file` });
    else if (wanted !== type) problems.push({ kind: "drift", message: `domain ${name} is ${type} in Scalekit, ${wanted} in the file` });
    if (!verified) problems.push({ kind: "domain", message: unverifiedDomain(name, domain) });
    return { domain: name, type, verificationStatus: domain.verification_status ?? undefined, verified };
  });
  const present = new Set(health.map((domain) => domain.domain));
  for (const name of declared.keys()) {
    if (!present.has(name)) problems.push({ kind: "drift", message: `domain ${name} is in the file but not in Scalekit` });
  }
  return { health, problems };
}

/** Only the record's name: its value proves ownership and is kept out of reports. */
function unverifiedDomain(name: string, domain: DomainWire): string {
  const status = (domain.verification_status ?? "unknown").toLowerCase();
  const record = domain.txt_record_key ? `: publish the DNS TXT record ${domain.txt_record_key} (its value is in the tenant's hand-off bundle)` : "";
  return `domain ${name} is not verified (${status}), so its users are not routed to SSO${record}`;
}

function assessConnection(entry: TenantEntry, live: readonly ConnectionWire[], options: AssessOptions): { health?: ConnectionHealth; problems: HealthProblem[] } {
  const sso = entry.sso;
  const problems: HealthProblem[] = [];
  const protocol = sso && (sso.saml ? "SAML" : "OIDC");
  const keyId = sso && sso.connectionId === undefined ? connectionKeyId(entry.key, sso.provider, protocol!) : undefined;
  // The one the provider manages (its key id, or the adopted connectionId); with none, `up` creates one
  // and leaves the others alone.
  const isTenants = (candidate: ConnectionWire) => (sso?.connectionId !== undefined ? candidate.id === sso.connectionId : keyId !== undefined && candidate.key_id === keyId);
  const connection = live.find(isTenants);
  for (const other of live.filter((candidate) => candidate !== connection || !sso)) {
    problems.push({ kind: "drift", message: `SSO connection ${other.id} (${other.provider} ${other.type}) is in Scalekit but not in the file` });
  }
  if (!sso) return { problems };
  if (!connection) {
    problems.push({ kind: "missing", message: `no SSO connection in Scalekit; the file declares ${sso.provider} ${protocol} (\`pulumi up\` creates it)` });
    return { problems };
  }
  const health = connectionHealth(connection, options.now);
  problems.push(...connectionDrift(sso, protocol!, health));
  if (sso.enabled && health.status !== "COMPLETED") {
    problems.push({ kind: "connection", message: `SSO connection is ${health.status ?? "in an unknown state"}: its IdP configuration is incomplete` });
  }
  const days = health.daysUntilCertificateExpires;
  if (days !== undefined && days < options.certificateDays) {
    const when = days < 0 ? `expired on ${health.certificateExpiresAt!.slice(0, 10)}` : `expires in ${days} days (${health.certificateExpiresAt!.slice(0, 10)})`;
    problems.push({ kind: "certificate", message: `IdP signing certificate ${when}; ask the customer's IT admin for the new one` });
  }
  return { health, problems };
}

function connectionHealth(connection: ConnectionWire, now: Date): ConnectionHealth {
  const expiries = (connection.saml_config?.idp_certificates ?? []).map((certificate) => certificate.expiry_time).filter((time): time is string => !!time).sort();
  return {
    connectionId: connection.id,
    provider: connection.provider,
    protocol: connection.type,
    enabled: connection.enabled ?? false,
    status: connection.status ?? undefined,
    certificateExpiresAt: expiries[0],
    daysUntilCertificateExpires: expiries[0] === undefined ? undefined : daysUntil(expiries[0], now),
  };
}

function connectionDrift(sso: TenantSsoEntry, protocol: string, live: ConnectionHealth): HealthProblem[] {
  const drift: HealthProblem[] = [];
  if (live.provider !== sso.provider) drift.push({ kind: "drift", message: `SSO connection provider is ${live.provider} in Scalekit, ${sso.provider} in the file` });
  if (live.protocol !== protocol) drift.push({ kind: "drift", message: `SSO connection protocol is ${live.protocol} in Scalekit, ${protocol} in the file` });
  if (live.enabled !== sso.enabled) {
    drift.push({ kind: "drift", message: `SSO connection is ${live.enabled ? "enabled" : "disabled"} in Scalekit, ${sso.enabled ? "enabled" : "disabled"} in the file` });
  }
  return drift;
}

function shown(value: unknown): string {
  return value === undefined ? "not set" : JSON.stringify(value);
}
