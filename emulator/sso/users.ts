import type { Environment } from "../environment";
import { Collection } from "../storage/collection";

/** A user of an organization, created on their first SSO sign-in (just-in-time provisioning). */
export interface SsoUserRecord {
  id: string;
  organization_id: string;
  email: string;
  name?: string;
  /** The connection of the latest sign-in. */
  connection_id: string;
  create_time: string;
  last_login_time: string;
}

function users(env: Environment): Collection<SsoUserRecord> {
  return new Collection<SsoUserRecord>(env.db, "sso_user");
}

/** The organization's user with this email (lower-cased), created or refreshed from what the IdP asserted. */
export function signInUser(env: Environment, organizationId: string, identity: { email: string; name?: string }, connectionId: string): SsoUserRecord {
  const email = identity.email.toLowerCase();
  const now = new Date().toISOString();
  const store = users(env);
  const existing = store.findBy("email", email).find((user) => user.organization_id === organizationId);
  if (existing) return store.update({ ...existing, ...(identity.name ? { name: identity.name } : {}), connection_id: connectionId, last_login_time: now });
  return store.insert(
    { id: env.ids.next("usr"), organization_id: organizationId, email, ...(identity.name ? { name: identity.name } : {}), connection_id: connectionId, create_time: now, last_login_time: now },
    organizationId,
  );
}
