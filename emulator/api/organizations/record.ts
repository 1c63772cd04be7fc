/** An organization as stored; its JSON is exactly the wire `Organization` (unset optionals absent). */
export interface OrganizationRecord {
  id: string;
  create_time: string;
  update_time: string;
  display_name: string;
  region_code: "US" | "EU";
  external_id?: string;
  metadata: Record<string, string>;
  settings: { features: FeatureSetting[] };
  slug?: string;
  logo_url?: string;
}

export interface FeatureSetting {
  name: string;
  enabled: boolean;
}

export const FEATURE_NAMES = ["sso", "dir_sync", "domain_verification", "session_policy"] as const;
