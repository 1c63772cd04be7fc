import * as pulumi from "@pulumi/pulumi";
import { domainNameField } from "../core/domain-name";
import { AdminPortalLink } from "../resources/admin-portal-link/resource";
import { Domain } from "../resources/domain/resource";
import { Organization } from "../resources/organization/resource";
import { SSOConnection } from "../resources/sso-connection/resource";
import { PORTAL_LINK_NOT_ADOPTABLE } from "./adoption-rules";
import { tenantHandoff, type TenantHandoff } from "./handoff";
import type { OrganizationArgs } from "../resources/organization/resource";
import type { TenantAdminPortal, TenantArgs, TenantDomain, TenantSso } from "./tenant-args";
import { connectionKeyId, tenantExternalId, tenantKeyField, tenantResourceNames as names } from "./tenant-key";

/**
 * One customer onboarded for enterprise SSO: an Organization, its Domains, optionally an SSO connection
 * and an admin-portal link, named after the tenant key (the component's name). `handoff` is what the
 * customer's IT admin needs.
 */
export class Tenant extends pulumi.ComponentResource {
  readonly organization: Organization;
  readonly domains: Domain[];
  readonly ssoConnection?: SSOConnection;
  readonly adminPortalLink?: AdminPortalLink;
  readonly organizationId: pulumi.Output<string>;
  readonly handoff: TenantHandoff;

  /** @param key the tenant's stable key (lower-case letters, digits, hyphens); never change it. */
  constructor(key: string, args: TenantArgs, opts?: pulumi.ComponentResourceOptions) {
    super("scalekit:index:Tenant", key, {}, opts);
    const parsedKey = tenantKeyField.safeParse(key);
    if (!parsedKey.success) throw new Error(`tenant key ${JSON.stringify(key)} ${parsedKey.error.issues[0].message}`);
    const domains = normalizedDomains(key, args.domains ?? []);
    const portal = args.adminPortal === true ? {} : args.adminPortal || undefined;
    const adopt = args.adopt || undefined;
    if (adopt && portal) throw new Error(`tenant ${key}: adminPortal ${PORTAL_LINK_NOT_ADOPTABLE}`);
    // A tenant on its way to another stack: dropping it from this one must leave Scalekit untouched.
    const letGo = args.moving ? { protect: false, retainOnDelete: true } : {};

    this.organization = new Organization(
      names.organization(key),
      {
        displayName: args.name,
        externalId: tenantExternalId(key, args),
        slug: args.slug,
        logoUrl: args.logoUrl,
        metadata: args.metadata,
        features: portal ? withPortalFeatures(key, args.features, portal.features ?? ["sso"]) : args.features,
        adopt,
        organizationId: args.organizationId,
      },
      { parent: this, protect: args.protectOrganization ?? true, ...letGo },
    );
    // The resource id (= the organization id) stays known in a preview that updates the organization;
    // its other outputs, organizationId included, are unknown there (the dynamic provider cannot preview).
    const organizationId = this.organization.id;
    const child = { parent: this, ...letGo };

    this.domains = domains.map(
      ({ domain, type }) => new Domain(names.domain(key, domain), { organizationId, domain, domainType: type, adopt }, child),
    );
    // The connection is enabled once the domains whose users it will sign in exist.
    this.ssoConnection = args.sso && new SSOConnection(names.ssoConnection(key), { ...args.sso, organizationId, ...connectionIdentity(key, args.sso), adopt }, { ...child, dependsOn: this.domains });
    // The portal link is issued last, so the admin who opens it finds the tenant complete.
    this.adminPortalLink =
      portal && new AdminPortalLink(names.adminPortalLink(key), { ...portal, organizationId }, { ...child, dependsOn: [...this.domains, ...(this.ssoConnection ? [this.ssoConnection] : [])] });

    this.organizationId = organizationId;
    this.handoff = tenantHandoff(key, this);
    this.registerOutputs({ organizationId, handoff: this.handoff });
  }
}

/**
 * How the tenant's connection is found again: the key id derived from the tenant, or, for a connection
 * adopted by id, that id (its key id, if any, is left as it is).
 */
function connectionIdentity(key: string, sso: TenantSso): { keyId?: string; connectionId?: string } {
  if (sso.connectionId !== undefined) return { connectionId: sso.connectionId };
  return { keyId: connectionKeyId(key, sso.provider, sso.saml !== undefined ? "SAML" : "OIDC") };
}

type Features = OrganizationArgs["features"];

/**
 * The organization's features with those the portal link asks for switched on: Scalekit refuses a
 * link for a feature the organization has not enabled (INVALID_ARGUMENT). A feature the tenant turns
 * off explicitly while its portal link needs it is a contradiction, reported as an error.
 */
function withPortalFeatures(key: string, features: Features, portalFeatures: NonNullable<TenantAdminPortal["features"]>): Features {
  const merge = (declared: object, needed: readonly string[]) => {
    const merged: Record<string, unknown> = { ...declared };
    for (const feature of needed) {
      if (merged[feature] === false) throw new Error(`tenant ${key}: its admin portal link needs the ${feature} feature, which features.${feature} turns off`);
      merged[feature] = true;
    }
    return merged;
  };
  // Plain values (a tenants file) are merged at once, so a contradiction stops the program before any call.
  if (isPlain(features) && isPlain(portalFeatures)) return merge((features as object | undefined) ?? {}, portalFeatures as readonly string[]);
  return pulumi.all([features ?? {}, portalFeatures]).apply(([declared, needed]) => merge(declared as object, needed ?? []));
}

/** True when no part of `value` is an Output or a Promise. */
function isPlain(value: unknown): boolean {
  if (pulumi.Output.isInstance(value) || value instanceof Promise) return false;
  if (value && typeof value === "object") return Object.values(value).every(isPlain);
  return true;
}

function normalizedDomains(key: string, domains: ReadonlyArray<string | TenantDomain>): TenantDomain[] {
  const seen = new Set<string>();
  return domains.map((entry) => {
    const { domain, type } = typeof entry === "string" ? { domain: entry, type: undefined } : entry;
    const parsed = domainNameField.safeParse(domain);
    if (!parsed.success) throw new Error(`tenant ${key}: domain ${JSON.stringify(domain)} ${parsed.error.issues[0].message}`);
    if (seen.has(parsed.data)) throw new Error(`tenant ${key}: domain ${parsed.data} is listed twice`);
    seen.add(parsed.data);
    return { domain: parsed.data, type };
  });
}
