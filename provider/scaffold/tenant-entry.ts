import { ORGANIZATION_FEATURES } from "../api/enums";
import type { OrganizationSnapshot } from "../api/organization-snapshot";
import type { DomainWire, OrganizationWire } from "../api/wire";
import { domainNameField } from "../core/domain-name";
import { DomainInputs } from "../resources/domain/schema";
import { OrganizationInputs } from "../resources/organization/schema";
import { fieldIssues } from "../tenant/file/zod-issues";
import { connectionPart } from "./connection-entry";
import type { DerivedKey } from "./tenant-keys";

/** One organization as a tenants-file entry, with what the entry leaves out. */
export interface ScaffoldedTenant {
  key: string;
  organizationId: string;
  /** The entry, in the order its fields are written. */
  entry: Record<string, unknown>;
  /** Comment lines written above the entry: where the key comes from, what is not declared and why. */
  notes: string[];
  /** The stack config key its OIDC client secret is referenced by, if it has one. */
  secretConfigKey?: string;
}

const organization = OrganizationInputs.shape;
const STAYS = "It stays in Scalekit as it is.";

/**
 * The entry that reproduces an organization, its domains and its SSO connection, marked `adopt: true`:
 * the first `up` takes each object over and writes nothing where the entry matches. An organization
 * without an external id is adopted by its id, and its external id stays unset.
 */
export function scaffoldTenant(snapshot: OrganizationSnapshot, derived: DerivedKey): ScaffoldedTenant {
  const live = snapshot.organization;
  const { key } = derived;
  const notes = [keyNote(derived)];
  const entry: Record<string, unknown> = { key, name: displayName(live, key, notes) };
  if (live.external_id) entry.externalId = live.external_id;
  else entry.organizationId = live.id;
  entry.adopt = true;

  const field = (name: "slug" | "logoUrl" | "metadata", value: unknown, ifOmitted: string) => {
    if (value === undefined) return;
    const parsed = organization[name].safeParse(value);
    if (parsed.success) entry[name] = value;
    else notes.push(`${name} ${JSON.stringify(value)} is not declared: ${fieldIssues(parsed.error.issues)[0].rule}; ${ifOmitted}`);
  };
  field("slug", live.slug || undefined, "the first `up` would clear it, so fix it in Scalekit first.");
  field("logoUrl", live.logo_url || undefined, "it stays as it is.");
  field("metadata", live.metadata && Object.keys(live.metadata).length ? live.metadata : undefined, "the first `up` would clear it, so fix it in Scalekit first.");
  const features = enabledFeatures(live, notes);
  if (features) entry.features = features;

  const domains = domainEntries(snapshot.domains, notes);
  if (domains.length) entry.domains = domains;
  const connection = connectionPart(key, snapshot);
  if (connection.sso) entry.sso = connection.sso;
  notes.push(...connection.notes);
  return { key, organizationId: live.id, entry, notes: notes.filter(Boolean), secretConfigKey: connection.secretConfigKey };
}

function keyNote({ key, source, taken }: DerivedKey): string {
  const lines: string[] = [];
  if (source !== "external id") lines.push(`Key from the ${source}: the organization has no external id, so it is adopted by its id.`);
  if (taken) lines.push(`Key ${key}: ${taken} is the key of an organization created earlier.`);
  return lines.join(" ");
}

/** The display name as the file can hold it; one it cannot hold exactly is noted, since the first `up` would write it. */
function displayName(live: OrganizationWire, key: string, notes: string[]): string {
  const parsed = organization.displayName.safeParse(live.display_name ?? "");
  if (!parsed.success) {
    notes.push(`name ${JSON.stringify(live.display_name ?? "")} cannot be declared (${parsed.error.issues[0].message}); the first \`up\` would rename the organization ${key}.`);
    return key;
  }
  if (parsed.data !== live.display_name) notes.push(`name ${JSON.stringify(live.display_name)} is written trimmed; the first \`up\` would trim it in Scalekit too.`);
  return parsed.data;
}

/** The features the organization has enabled, by the names this file knows; others get a note. */
function enabledFeatures(live: OrganizationWire, notes: string[]): Record<string, boolean> | undefined {
  const enabled = (live.settings?.features ?? []).filter((feature) => feature.enabled);
  const known = enabled.filter((feature) => (ORGANIZATION_FEATURES as readonly string[]).includes(feature.name));
  for (const unknown of enabled.filter((feature) => !known.includes(feature))) {
    notes.push(`Feature ${unknown.name} (enabled) is not declared: this file knows ${ORGANIZATION_FEATURES.join(", ")}. ${STAYS}`);
  }
  return known.length ? Object.fromEntries(known.map((feature) => [feature.name, true])) : undefined;
}

/** Domains as the file writes them: a name for an organization domain, `{ domain, type }` otherwise. */
function domainEntries(domains: readonly DomainWire[], notes: string[]): Array<string | { domain: string; type: string }> {
  return domains.flatMap((domain) => {
    const name = domainNameField.safeParse(domain.domain);
    const type = DomainInputs.shape.domainType.safeParse(domain.domain_type ?? undefined);
    if (!name.success || !type.success) {
      const rule = !name.success ? name.error.issues[0].message : `its type ${domain.domain_type} is not one this file knows`;
      notes.push(`Domain ${domain.domain} is not declared: ${rule}. ${STAYS}`);
      return [];
    }
    return [type.data === "ORGANIZATION_DOMAIN" ? name.data : { domain: name.data, type: type.data }];
  });
}
