import type { DomainWire } from "../../api/wire";
import type { DnsTxtRecord, DomainInputs, DomainOutputs } from "./schema";

export function observedInputs(live: DomainWire, organizationId: string): DomainInputs {
  return {
    organizationId: live.organization_id || organizationId,
    domain: live.domain.toLowerCase(),
    domainType: (live.domain_type as DomainInputs["domainType"]) ?? "ORGANIZATION_DOMAIN",
  };
}

export function toOutputs(inputs: DomainInputs, live: DomainWire): DomainOutputs {
  return {
    ...inputs,
    domainId: live.id,
    verificationStatus: live.verification_status ?? undefined,
    verificationMethod: live.verification_method ?? undefined,
    dnsRecord: pendingDnsRecord(live),
    createTime: live.create_time ?? undefined,
  };
}

/**
 * The TXT record to publish, only while Scalekit waits for one (PENDING by DNS). A domain created
 * through the API is admin-verified at once (DD `authenticate/manage-users-orgs/organization-domains.mdx`),
 * and Scalekit may still carry the record of a verified domain (its webhook examples do): publishing
 * it then achieves nothing, so it is no instruction.
 */
function pendingDnsRecord(live: DomainWire): DnsTxtRecord | undefined {
  const pending = live.verification_status === "PENDING" && live.verification_method === "DNS";
  if (!pending || !live.txt_record_key || !live.txt_record_secret) return undefined;
  return { type: "TXT", name: live.txt_record_key, value: live.txt_record_secret };
}
