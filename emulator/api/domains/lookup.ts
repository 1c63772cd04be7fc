import type { Environment } from "../../environment";
import type { DomainRecord } from "./record";

/** The organization's ORGANIZATION_DOMAIN domains: the ones that route users to its SSO connections. */
export function ssoDomainsOf(env: Environment, organizationId: string): DomainRecord[] {
  return env.domains.list(organizationId).filter((d) => d.domain_type === "ORGANIZATION_DOMAIN");
}
