/** What needs a person's attention, by kind. */
export type ProblemKind = "missing" | "connection" | "certificate" | "domain" | "drift";

export interface HealthProblem {
  kind: ProblemKind;
  message: string;
}

export interface ConnectionHealth {
  connectionId: string;
  provider: string;
  protocol: string;
  enabled: boolean;
  status?: string;
  /** The earliest expiry among the IdP signing certificates Scalekit holds. */
  certificateExpiresAt?: string;
  daysUntilCertificateExpires?: number;
}

export interface DomainHealth {
  domain: string;
  type: string;
  verificationStatus?: string;
  /** Whether the domain is usable: verified (or not in need of verification, as an allowed email domain). */
  verified: boolean;
}

/** One tenant of the tenants file, as Scalekit has it. */
export interface TenantHealth {
  key: string;
  name: string;
  /** The shard whose tenants file declares the tenant, when a sharded project is checked as a whole. */
  shard?: string;
  /** Absent when Scalekit has no organization with the tenant's external id. */
  organizationId?: string;
  connection?: ConnectionHealth;
  domains: DomainHealth[];
  /** Empty when nothing needs action. */
  problems: HealthProblem[];
}

export const needsAction = (tenant: TenantHealth): boolean => tenant.problems.length > 0;
