import { domainNameField } from "../../core/domain-name";
import { tenantExternalId } from "../tenant-key";

/** The fields of a tenant entry that must be unique across tenants, read leniently from the raw entry. */
interface Claims {
  position: number;
  key?: string;
  externalId?: string;
  slug?: string;
  organizationId?: string;
  connectionId?: string;
  domains: Array<string | undefined>;
}

export interface CrossProblem {
  /** Position of the tenant in the file (0-based). */
  position: number;
  field: PropertyKey[];
  rule: string;
  /** Position of the tenant that claimed the value first (the same position for a domain listed twice). */
  owner: number;
}

/** How a tenant is named in a rule, from its key (when it has one) and its position (0-based). */
export type TenantLabel = (key: string | undefined, position: number) => string;

const labelInFile: TenantLabel = (key, position) => `${key ?? "#" + (position + 1)} (#${position + 1})`;

/**
 * Rules across tenants, which no single entry can break alone: keys, domains, external ids and slugs
 * are unique (Scalekit keeps the last three unique per environment; an external id shared by two
 * tenants would make both manage one organization), and so are the organizations and connections
 * adopted by id. Entries are read leniently, so a tenant with other problems is still checked against
 * the rest.
 */
export function crossTenantProblems(items: readonly unknown[], labelOf: TenantLabel = labelInFile): CrossProblem[] {
  const claims = items.map(claimsOf);
  const problems: CrossProblem[] = [];
  const owners = new Map<string, number>();
  const claim = (position: number, field: PropertyKey[], kind: string, value: string | undefined, rule: (owner: Claims) => string) => {
    if (value === undefined) return false;
    const owner = owners.get(`${kind}:${value}`);
    if (owner === undefined) {
      owners.set(`${kind}:${value}`, position);
      return false;
    }
    problems.push({ position, field, rule: rule(claims[owner]), owner });
    return true;
  };
  for (const { position, key, externalId, slug, organizationId, connectionId, domains } of claims) {
    const keyTaken = claim(position, ["key"], "key", key, (owner) => `${key} is already the key of tenant ${labelOf(owner.key, owner.position)}; keys must be unique`);
    const effectiveId = keyTaken ? externalId : tenantExternalId(key, { externalId, organizationId });
    claim(position, [externalId === undefined ? "key" : "externalId"], "externalId", effectiveId, (owner) => {
      const whose = owner.externalId === undefined ? " as its key (an external id defaults to the key)" : "";
      const mine = externalId === undefined ? "; set an externalId for this tenant, whose key is used by default" : "";
      return `external id ${effectiveId} is already used by tenant ${labelOf(owner.key, owner.position)}${whose}${mine}`;
    });
    claim(position, ["slug"], "slug", slug, (owner) => `slug ${slug} is already used by tenant ${labelOf(owner.key, owner.position)}`);
    claim(position, ["organizationId"], "organizationId", organizationId, (owner) => `organization ${organizationId} is already the organization of tenant ${labelOf(owner.key, owner.position)}`);
    claim(position, ["sso", "connectionId"], "connectionId", connectionId, (owner) => `connection ${connectionId} is already the connection of tenant ${labelOf(owner.key, owner.position)}`);
    const own = new Set<string>();
    domains.forEach((domain, index) => {
      if (domain === undefined) return;
      if (own.has(domain)) return void problems.push({ position, field: ["domains", index], rule: `${domain} is listed twice`, owner: position });
      own.add(domain);
      claim(position, ["domains", index], "domain", domain, (owner) => `${domain} is already a domain of tenant ${labelOf(owner.key, owner.position)}; a domain belongs to one organization`);
    });
  }
  return problems;
}

function claimsOf(item: unknown, position: number): Claims {
  const entry = (item && typeof item === "object" ? item : {}) as Record<string, unknown>;
  const text = (value: unknown) => (typeof value === "string" && value.trim() ? value.trim() : undefined);
  const domains = Array.isArray(entry.domains) ? entry.domains : [];
  const sso = (entry.sso && typeof entry.sso === "object" ? entry.sso : {}) as Record<string, unknown>;
  return {
    position,
    key: text(entry.key),
    externalId: text(entry.externalId),
    slug: text(entry.slug),
    organizationId: text(entry.organizationId),
    connectionId: text(sso.connectionId),
    domains: domains.map((domain) => {
      const name = typeof domain === "object" && domain ? (domain as { domain?: unknown }).domain : domain;
      const parsed = domainNameField.safeParse(name);
      return parsed.success ? parsed.data : undefined;
    }),
  };
}
