import { notFound } from "../../errors";
import type { Environment } from "../../environment";
import type { OrganizationRecord } from "./record";

/** The organization with `id`, or NOT_FOUND. Every organization-scoped route starts here. */
export function requireOrganization(env: Environment, id: string): OrganizationRecord {
  const org = env.organizations.get(id);
  if (!org) throw notFound("organization", id);
  return org;
}
