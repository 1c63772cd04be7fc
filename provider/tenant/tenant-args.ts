import type { DomainType } from "../api/enums";
import type { AdminPortalLinkArgs } from "../resources/admin-portal-link/resource";
import type { OrganizationArgs } from "../resources/organization/resource";
import type { SSOConnectionArgs } from "../resources/sso-connection/resource";
import type { SsoProvider } from "../resources/sso-connection/schema";

/** An email domain of the tenant; `type` defaults to ORGANIZATION_DOMAIN (routes its users to the tenant's SSO). */
export interface TenantDomain {
  domain: string;
  type?: DomainType;
}

/**
 * The tenant's SSO connection: exactly one of `saml` or `oidc`. `provider` is a plain value because the
 * connection's key id derives from it. The presets in `idp` build this for common identity providers.
 */
export interface TenantSso extends Omit<SSOConnectionArgs, "organizationId" | "keyId" | "provider" | "adopt" | "connectionId"> {
  provider: SsoProvider;
  /**
   * An existing connection to adopt, for one without the key id the tenant derives: its key id is
   * then left as it is. A plain value, because the key id depends on it.
   */
  connectionId?: string;
}

export type TenantAdminPortal = Omit<AdminPortalLinkArgs, "organizationId">;

export interface TenantArgs {
  /** Display name of the customer's organization. */
  name: OrganizationArgs["displayName"];
  /** Your identifier of the customer (CRM id, account id); defaults to the tenant key, except for an organization adopted by `organizationId`. */
  externalId?: OrganizationArgs["externalId"];
  slug?: OrganizationArgs["slug"];
  logoUrl?: OrganizationArgs["logoUrl"];
  metadata?: OrganizationArgs["metadata"];
  features?: OrganizationArgs["features"];
  /** Plain values: each domain's logical name derives from it. */
  domains?: ReadonlyArray<string | TenantDomain>;
  sso?: TenantSso;
  /** A link for the customer's IT admin to Scalekit's admin portal; `true` means the SSO feature only. */
  adminPortal?: boolean | TenantAdminPortal;
  /** Protect the organization against deletion (default true): `pulumi destroy` or dropping the tenant fails until unprotected. */
  protectOrganization?: boolean;
  /**
   * The tenant's objects already exist in Scalekit: the first `up` takes them over (the organization by
   * `organizationId` or external id, domains by name, the connection by `sso.connectionId` or key id)
   * and writes only what differs from these arguments. Where nothing exists yet, it is created.
   */
  adopt?: boolean;
  /** An existing organization to adopt, for one without an external id (the external id then does not default to the key). */
  organizationId?: string;
  /**
   * The tenant is leaving this stack for another one: its resources are unprotected and retained on
   * delete, so the `up` that drops the tenant from this stack leaves everything in Scalekit.
   */
  moving?: boolean;
}
