export const PORTAL_FEATURES = ["dir_sync", "sso"] as const;

/** A generated admin-portal link. `token` is the secret part of its location. */
export interface PortalLinkRecord {
  id: string;
  organization_id: string;
  token: string;
  features: string[];
  create_time: string;
  expire_time: string;
  opened_at?: string;
  revoked_at?: string;
}
