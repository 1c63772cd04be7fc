import { Tenant } from "../../provider/tenant";

/**
 * Each tenant onboards an organization, two domains, an enabled SAML connection and a portal link. The
 * fewest management API calls that work takes: POST organization + PATCH its settings (Scalekit refuses
 * a portal link for a feature the organization has not enabled), 2 × POST domain, POST + PATCH +
 * :enable connection, PUT link.
 */
export const MINIMAL_CALLS_PER_TENANT = 8;

export function tenantKey(index: number): string {
  return `bench-${String(index + 1).padStart(4, "0")}`;
}

/**
 * N tenants as a program would declare them, numbered from `first` (a shard of the sharded bench
 * declares its own range); `certificate` is the IdP signing certificate (PEM).
 */
export function declareTenants(count: number, certificate: string, first = 0): Tenant[] {
  return Array.from({ length: count }, (_, offset) => {
    const index = first + offset;
    const key = tenantKey(index);
    return new Tenant(key, {
      name: `Bench Customer ${index + 1}`,
      domains: [`${key}.example.com`, { domain: `${key}.example.org`, type: "ALLOWED_EMAIL_DOMAIN" }],
      sso: {
        provider: "OKTA",
        saml: { entityId: `http://www.okta.com/${key}`, ssoUrl: `https://${key}.okta.example.com/app/sso/saml`, certificate },
        enabled: true,
      },
      adminPortal: true,
      protectOrganization: false,
    });
  });
}
