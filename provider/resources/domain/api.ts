import type { DomainWire } from "../../api/wire";
import type { DomainInputs, DomainOutputs } from "./schema";

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
    dnsRecord: live.txt_record_key && live.txt_record_secret ? { type: "TXT", name: live.txt_record_key, value: live.txt_record_secret } : undefined,
    createTime: live.create_time ?? undefined,
  };
}
