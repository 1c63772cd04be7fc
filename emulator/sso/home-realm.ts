import { connectionStatus } from "../api/connections/status";
import type { ConnectionRecord } from "../api/connections/record";
import type { OrganizationRecord } from "../api/organizations/record";
import type { Environment } from "../environment";

export type RealmResult =
  | { kind: "found"; organization: OrganizationRecord; connection: ConnectionRecord & { type: "SAML" | "OIDC" } }
  | { kind: "refused"; description: string };

/**
 * Home-realm discovery: the email's domain must be an ORGANIZATION_DOMAIN of exactly one organization
 * (allowed email domains never route to SSO), and that organization needs an enabled SSO connection
 * whose configuration is complete. The same records the management API (and so Pulumi) wrote.
 */
export function discoverRealm(env: Environment, email: string): RealmResult {
  const domain = emailDomain(email);
  if (!domain) return { kind: "refused", description: `${email} is not an email address` };
  const owner = env.domains.findBy("domain", domain).find((record) => record.domain_type === "ORGANIZATION_DOMAIN");
  const organization = owner && env.organizations.get(owner.organization_id);
  if (!organization) return { kind: "refused", description: `no organization signs in with SSO for the domain ${domain}` };

  const connections = env.connections.list(organization.id).filter(isSsoConnection);
  const usable = connections.find((connection) => connection.enabled && connectionStatus(connection) === "COMPLETED");
  if (usable) return { kind: "found", organization, connection: usable };
  if (connections.length === 0) return { kind: "refused", description: `organization ${organization.id} has no SSO connection` };
  const disabled = connections.some((connection) => !connection.enabled);
  return {
    kind: "refused",
    description: disabled
      ? `the SSO connection of organization ${organization.id} is disabled`
      : `the SSO connection of organization ${organization.id} is not completely configured`,
  };
}

/** The lower-cased domain of an email address, or undefined when `email` is not one. */
export function emailDomain(email: string): string | undefined {
  const match = /^[^\s@]+@([^\s@]+\.[^\s@]+)$/.exec(email.trim());
  return match?.[1].toLowerCase().replace(/\.$/, "");
}

function isSsoConnection(connection: ConnectionRecord): connection is ConnectionRecord & { type: "SAML" | "OIDC" } {
  return connection.type === "SAML" || connection.type === "OIDC";
}
