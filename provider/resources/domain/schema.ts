import { z } from "zod";
import { DOMAIN_TYPES } from "../../api/enums";
import type { DiffRules } from "../../core/diff";
import { domainNameField } from "../../core/domain-name";
import { organizationIdField } from "../../core/field-rules";
import { outputKeys } from "../pulumi-args";

export const DomainInputs = z
  .object({
    organizationId: organizationIdField,
    domain: domainNameField,
    domainType: z.enum(DOMAIN_TYPES, { message: `must be one of ${DOMAIN_TYPES.join(", ")}` }).default("ORGANIZATION_DOMAIN"),
    /** Take over the domain if the organization already has it, instead of creating it. */
    adopt: z.boolean().optional(),
  })
  .strict();

export type DomainInputs = z.output<typeof DomainInputs>;

/** The DNS record a customer publishes to prove they own the domain (`value` is a secret). */
export interface DnsTxtRecord {
  type: "TXT";
  name: string;
  value: string;
}

export interface DomainOutputs extends DomainInputs {
  domainId: string;
  /** PENDING, VERIFIED, FAILED or AUTO_VERIFIED. */
  verificationStatus?: string;
  /** ADMIN, DNS or NOT_APPLICABLE. */
  verificationMethod?: string;
  /** Present only while Scalekit waits for this TXT record to be published. A secret output. */
  dnsRecord?: DnsTxtRecord;
  createTime?: string;
}

/** Scalekit cannot change a domain (its update message is empty): every change replaces it. */
export const DOMAIN_DIFF_RULES: DiffRules<DomainInputs> = {
  organizationId: { replaces: true },
  domain: { replaces: true },
  domainType: { replaces: true },
  adopt: { createOnly: true },
};

export const DOMAIN_OUTPUT_KEYS = outputKeys<DomainOutputs>()([
  "organizationId", "domain", "domainType", "adopt", "domainId", "verificationStatus", "verificationMethod", "dnsRecord", "createTime",
]);

/** The TXT value proves ownership of the domain: whoever holds it can claim the domain. */
export const DOMAIN_SECRET_OUTPUTS = ["dnsRecord"];
