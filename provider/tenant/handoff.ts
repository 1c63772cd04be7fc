import * as pulumi from "@pulumi/pulumi";
import type { AdminPortalLink } from "../resources/admin-portal-link/resource";
import type { Domain } from "../resources/domain/resource";
import type { Organization } from "../resources/organization/resource";
import type { SSOConnection } from "../resources/sso-connection/resource";

/** A DNS record the customer must publish to prove they own one of their domains. */
export interface DnsTxtRecordToPublish {
  domain: string;
  type: "TXT";
  name: string;
  value: string;
}

/** What the customer's IT admin needs to configure their identity provider for this tenant. */
export interface TenantSsoHandoff {
  provider: pulumi.Output<string>;
  protocol: pulumi.Output<string>;
  /** DRAFT, IN_PROGRESS or COMPLETED (configured). */
  status: pulumi.Output<string | undefined>;
  enabled: pulumi.Output<boolean>;
  /** SAML: where the IdP posts assertions. */
  acsUrl: pulumi.Output<string | undefined>;
  spEntityId: pulumi.Output<string | undefined>;
  spMetadataUrl: pulumi.Output<string | undefined>;
  /** OIDC: the redirect URI to register at the IdP. */
  redirectUri: pulumi.Output<string | undefined>;
  testConnectionUri: pulumi.Output<string | undefined>;
}

export interface TenantAdminPortalHandoff {
  /**
   * Single-use link, valid for about a minute after it was issued: a secret, usually expired by the
   * time anyone reads it. Hand the IT admin a fresh one instead: see `freshPortalLink`.
   */
  link: pulumi.Output<string>;
  expiresAt: pulumi.Output<string>;
}

/**
 * The hand-off bundle of a tenant: only what the customer's IT admin has to do or needs. A plain
 * object of outputs rather than one output, so that only the secret parts (the portal link, TXT
 * values) are masked in `pulumi stack output`.
 */
export interface TenantHandoff {
  organizationId: pulumi.Output<string>;
  /**
   * How to give the IT admin a working admin portal link: mint one the moment they are ready, e.g.
   * `npx pulumi-scalekit portal-link acme` (`npm run portal-link -- acme` in this repository; or `mintPortalLink` in your own tooling). It
   * prints the link and its expiry and writes nothing to the state.
   */
  freshPortalLink: string;
  /**
   * TXT records to publish: only for domains Scalekit still waits to verify by DNS, usually none
   * (domains created through the API are admin-verified). A secret, because TXT values are.
   */
  dnsTxtRecords: pulumi.Output<DnsTxtRecordToPublish[]>;
  sso?: TenantSsoHandoff;
  adminPortal?: TenantAdminPortalHandoff;
}

export function tenantHandoff(key: string, parts: { organization: Organization; domains: Domain[]; ssoConnection?: SSOConnection; adminPortalLink?: AdminPortalLink }): TenantHandoff {
  const { organization, domains, ssoConnection: connection, adminPortalLink: link } = parts;
  const records = pulumi.all(domains.map((domain) => pulumi.all([domain.domain, domain.dnsRecord])));
  return {
    organizationId: organization.id,
    freshPortalLink: `npx pulumi-scalekit portal-link ${key}`,
    dnsTxtRecords: records.apply((pairs) =>
      pairs.flatMap(([domain, record]) => (record?.name && record.value ? [{ domain, type: "TXT" as const, name: record.name, value: record.value }] : [])),
    ),
    sso: connection && {
      provider: connection.provider,
      protocol: connection.protocol,
      status: connection.status,
      enabled: connection.enabled,
      acsUrl: connection.acsUrl,
      spEntityId: connection.spEntityId,
      spMetadataUrl: connection.spMetadataUrl,
      redirectUri: connection.redirectUri,
      testConnectionUri: connection.testConnectionUri,
    },
    adminPortal: link && { link: pulumi.secret(link.location), expiresAt: link.expireTime },
  };
}
