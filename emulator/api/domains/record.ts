export const DOMAIN_TYPES = ["ALLOWED_EMAIL_DOMAIN", "ORGANIZATION_DOMAIN"] as const;
export type DomainType = (typeof DOMAIN_TYPES)[number];

/** A domain as stored; its JSON is exactly the wire `Domain`. */
export interface DomainRecord {
  id: string;
  domain: string;
  environment_id: string;
  organization_id: string;
  domain_type: DomainType;
  verification_status: "PENDING" | "VERIFIED" | "FAILED" | "AUTO_VERIFIED";
  verification_method: "ADMIN" | "DNS" | "NOT_APPLICABLE";
  /** PREVIEW: the DNS TXT record that proves ownership of an ORGANIZATION_DOMAIN. */
  txt_record_key?: string;
  txt_record_secret?: string;
  create_time: string;
  update_time: string;
}
