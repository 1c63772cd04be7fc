import type { ScalekitClient } from "./client";
import { SSO_CONNECTION_TYPES } from "./enums";
import type { ConnectionSummaryWire, ConnectionWire, DomainWire, OrganizationWire } from "./wire";

/** What Scalekit holds for one organization, read without changing anything. */
export interface OrganizationSnapshot {
  organization: OrganizationWire;
  /** Every domain, across pages. */
  domains: DomainWire[];
  /** The SSO connections (SAML and OIDC), each read in full. */
  connections: ConnectionWire[];
  /** Connections of other types (social logins, passwordless…), as the list gives them. */
  otherConnections: ConnectionSummaryWire[];
}

/** Reads an organization's domains and connections (every status, `include=all`); read-only. */
export async function readOrganizationSnapshot(client: ScalekitClient, organization: OrganizationWire): Promise<OrganizationSnapshot> {
  const listDomains = async () => {
    const domains: DomainWire[] = [];
    for await (const domain of client.domains.list(organization.id)) domains.push(domain);
    return domains;
  };
  const [domains, summaries] = await Promise.all([listDomains(), client.connections.list({ organizationId: organization.id, includeAll: true })]);
  const isSso = (summary: ConnectionSummaryWire) => (SSO_CONNECTION_TYPES as readonly string[]).includes(summary.type);
  const connections = await Promise.all(summaries.filter(isSso).map((summary) => client.connections.get(organization.id, summary.id)));
  return { organization, domains, connections, otherConnections: summaries.filter((summary) => !isSso(summary)) };
}
