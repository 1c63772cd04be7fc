import * as pulumi from "@pulumi/pulumi";
import { domainNameField } from "../core/domain-name";
import { AdminPortalLink } from "../resources/admin-portal-link/resource";
import { Domain } from "../resources/domain/resource";
import { Organization } from "../resources/organization/resource";
import { SSOConnection } from "../resources/sso-connection/resource";
import { tenantHandoff, type TenantHandoff } from "./handoff";
import type { TenantArgs, TenantDomain } from "./tenant-args";
import { connectionKeyId, tenantKeyField, tenantResourceNames as names } from "./tenant-key";

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

    this.organization = new Organization(
      names.organization(key),
      {
        displayName: args.name,
        externalId: args.externalId ?? key,
        slug: args.slug,
        logoUrl: args.logoUrl,
        metadata: args.metadata,
        features: args.features,
      },
      { parent: this, protect: args.protectOrganization ?? true },
    );
    const organizationId = this.organization.organizationId;
    const child = { parent: this };

    this.domains = domains.map(
      ({ domain, type }) => new Domain(names.domain(key, domain), { organizationId, domain, domainType: type }, child),
    );
    // The connection is enabled once the domains whose users it will sign in exist.
    this.ssoConnection =
      args.sso && new SSOConnection(names.ssoConnection(key), { ...args.sso, organizationId, keyId: connectionKeyId(key, args.sso.provider, args.sso.saml !== undefined ? "SAML" : "OIDC") }, { ...child, dependsOn: this.domains });
    // The portal link is issued last, so the admin who opens it finds the tenant complete.
    const portal = args.adminPortal === true ? {} : args.adminPortal || undefined;
    this.adminPortalLink =
      portal && new AdminPortalLink(names.adminPortalLink(key), { ...portal, organizationId }, { ...child, dependsOn: [...this.domains, ...(this.ssoConnection ? [this.ssoConnection] : [])] });

    this.organizationId = organizationId;
    this.handoff = tenantHandoff(key, this);
    this.registerOutputs({ organizationId, handoff: this.handoff });
  }
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
