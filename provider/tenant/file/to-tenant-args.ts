import type * as pulumi from "@pulumi/pulumi";
import type { TenantArgs } from "../tenant-args";
import type { TenantEntry } from "./schema";

/** The Tenant component's arguments for a validated entry; the OIDC client secret comes resolved. */
export function toTenantArgs(entry: TenantEntry, clientSecret?: pulumi.Output<string>): TenantArgs {
  const { sso } = entry;
  return {
    name: entry.name,
    externalId: entry.externalId,
    slug: entry.slug,
    logoUrl: entry.logoUrl,
    metadata: entry.metadata,
    features: entry.features,
    domains: entry.domains.map((domain) => (typeof domain === "string" ? domain : { domain: domain.domain, type: domain.type })),
    sso: sso && {
      provider: sso.provider,
      saml: sso.saml,
      oidc: sso.oidc && { ...sso.oidc, clientSecret: clientSecret! },
      enabled: sso.enabled,
      attributeMapping: sso.attributeMapping,
      validateIdp: sso.validateIdp,
      debugEnabled: sso.debugEnabled,
      uiButtonTitle: sso.uiButtonTitle,
      connectionId: sso.connectionId,
    },
    adminPortal: entry.adminPortal,
    protectOrganization: entry.protect,
    adopt: entry.adopt,
    organizationId: entry.organizationId,
    moving: entry.moving,
  };
}
