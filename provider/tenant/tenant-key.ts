import { z } from "zod";

const KEY = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;

/**
 * The stable identity of a tenant: logical names, the default external id and the connection's key id
 * derive from it, so it must never change once the tenant exists.
 */
export const tenantKeyField = z
  .string()
  .regex(KEY, "must be 1–63 lower-case letters, digits and hyphens, starting and ending with a letter or digit (e.g. acme or acme-eu)");

/**
 * Logical names of a tenant's resources. They derive from the key and the domain name only, never from
 * a position in a list; "/" cannot occur in a key, so two tenants' names can never collide.
 */
export const tenantResourceNames = {
  organization: (key: string) => key,
  domain: (key: string, domain: string) => `${key}/${domain}`,
  ssoConnection: (key: string) => `${key}/sso`,
  adminPortalLink: (key: string) => `${key}/admin-portal`,
};

/**
 * A tenant's external id: its own, else its key; an organization adopted by id keeps the external id
 * it has (none, typically), so nothing is written to it.
 */
export function tenantExternalId<T, K extends string | undefined>(key: K, tenant: { externalId?: T; organizationId?: string }): T | K | undefined {
  return tenant.externalId ?? (tenant.organizationId === undefined ? key : undefined);
}

/**
 * The key id of a tenant's SSO connection: it makes the connection's create idempotent across runs (an
 * interrupted `up` adopts it). Provider and protocol are part of it because changing either replaces
 * the connection, and the replacement is created while the old one still holds its key id.
 */
export function connectionKeyId(key: string, provider: string, protocol: "SAML" | "OIDC"): string {
  return `${key}-${provider.toLowerCase().replace(/_/g, "-")}-${protocol.toLowerCase()}`;
}
