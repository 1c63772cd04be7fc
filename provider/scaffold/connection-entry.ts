import type { OrganizationSnapshot } from "../api/organization-snapshot";
import type { ConnectionWire } from "../api/wire";
import { oidcSettingsFromWire, samlSettingsFromWire } from "../resources/sso-connection/mapping";
import { SSO_PROVIDERS } from "../resources/sso-connection/schema";
import { fieldIssues } from "../tenant/file/zod-issues";
import { TenantSsoEntry } from "../tenant/file/schema";
import { connectionKeyId } from "../tenant/tenant-key";

/** The `sso` of a scaffolded tenant, what it leaves out, and the secret it references. */
export interface ConnectionPart {
  sso?: Record<string, unknown>;
  /** The stack config key the OIDC client secret is referenced by (Scalekit never returns it). */
  secretConfigKey?: string;
  notes: string[];
}

const DEFAULT_SCOPES = ["email", "openid", "profile"];
const STAYS = "It stays in Scalekit as it is.";

interface Candidate {
  live: ConnectionWire;
  sso: Record<string, unknown>;
  secretConfigKey?: string;
  notes: string[];
}

/**
 * The tenant's SSO connection as a tenants-file `sso` entry. A tenant declares one: of the
 * connections that can be declared, the enabled one first, then the one with the tenant's own key id,
 * then the oldest. Every other connection gets a note saying why it is not declared.
 */
export function connectionPart(key: string, snapshot: OrganizationSnapshot): ConnectionPart {
  const notes: string[] = [];
  for (const other of snapshot.otherConnections) {
    notes.push(`${describe(other)} is not declared: a tenant declares one SAML or OIDC SSO connection. ${STAYS}`);
  }
  const candidates: Candidate[] = [];
  for (const live of snapshot.connections) {
    if (!(SSO_PROVIDERS as readonly string[]).includes(live.provider)) {
      notes.push(`${describe(live)} is not declared: ${live.provider} is a social login, not an enterprise identity provider. ${STAYS}`);
      continue;
    }
    const expressed = expressConnection(key, live);
    if ("problem" in expressed) notes.push(`${describe(live)} is not declared: ${expressed.problem}. ${STAYS} Declare it under sso once it is configured.`);
    else candidates.push(expressed);
  }
  const ownKeyId = (live: ConnectionWire) => live.key_id === connectionKeyId(key, live.provider, live.type as "SAML" | "OIDC");
  const rank = (candidate: Candidate) => [candidate.live.enabled ? 0 : 1, ownKeyId(candidate.live) ? 0 : 1, candidate.live.create_time ?? "", candidate.live.id].join("|");
  const [held, ...others] = candidates.sort((a, b) => rank(a).localeCompare(rank(b)));
  for (const other of others) {
    notes.push(`${describe(other.live)} is not declared: a tenant declares one SSO connection, and this file declares ${held.live.id}. ${STAYS}`);
  }
  if (!held) return { notes };
  return { sso: held.sso, secretConfigKey: held.secretConfigKey, notes: [...held.notes, ...notes] };
}

/** A connection as an `sso` entry, or why it cannot be one (a draft, an incomplete configuration). */
function expressConnection(key: string, live: ConnectionWire): Candidate | { problem: string } {
  const notes: string[] = [];
  const sso: Record<string, unknown> = { provider: live.provider };
  // The tenant derives its connection's key id; a connection without that one is adopted by its id.
  const derivedKeyId = connectionKeyId(key, live.provider, live.type as "SAML" | "OIDC");
  if (live.key_id !== derivedKeyId) {
    sso.connectionId = live.id;
    if (live.key_id) notes.push(`SSO connection ${live.id} keeps its key id ${live.key_id} (adopted by sso.connectionId; the tenant's own would be ${derivedKeyId}).`);
  }
  let secretConfigKey: string | undefined;
  if (live.type === "SAML") {
    const { settings, certificates } = samlSettingsFromWire(live.saml_config ?? {});
    sso.saml = settings;
    if (certificates > 1) {
      notes.push(`SAML connection ${live.id} holds ${certificates} IdP certificates; sso.saml.certificate is the one expiring last, and the others stay until the certificate is changed.`);
    }
  } else {
    const settings = oidcSettingsFromWire(live.oidc_config ?? {});
    if (sameScopes(settings.scopes, DEFAULT_SCOPES)) delete settings.scopes;
    secretConfigKey = secretConfigKeyOf(key);
    sso.oidc = { ...settings, clientSecret: { config: secretConfigKey } };
  }
  if (live.attribute_mapping && Object.keys(live.attribute_mapping).length) sso.attributeMapping = live.attribute_mapping;
  if (live.debug_enabled) sso.debugEnabled = true;
  if (live.ui_button_title) sso.uiButtonTitle = live.ui_button_title;
  sso.enabled = live.enabled ?? false;

  if (live.status === "DRAFT") return { problem: `it is a draft, ${live.enabled ? "enabled" : "disabled"}: nothing of its IdP is configured yet` };
  const parsed = TenantSsoEntry.safeParse(sso);
  if (!parsed.success) {
    const status = `${(live.status ?? "status unknown").toLowerCase().replace(/_/g, " ")}, ${live.enabled ? "enabled" : "disabled"}`;
    const issues = fieldIssues(parsed.error.issues).map(({ path, rule }) => (path.length ? `${path.join(".")}: ${rule}` : rule));
    return { problem: `it is ${status}, and its configuration is incomplete (${issues.join("; ")})` };
  }
  return { live, sso, secretConfigKey, notes };
}

/** The stack config key of a tenant's OIDC client secret, in Pulumi's camelCase: acme-eu → acmeEuOidcClientSecret. */
export function secretConfigKeyOf(key: string): string {
  const camel = key.replace(/-([a-z0-9])/g, (_match, letter: string) => letter.toUpperCase());
  return `${/^[a-z]/.test(camel) ? "" : "tenant"}${camel}OidcClientSecret`;
}

const sameScopes = (scopes: unknown, expected: string[]) => Array.isArray(scopes) && [...scopes].sort().join(" ") === expected.join(" ");

function describe(connection: { id: string; provider: string; type: string; status?: string | null; enabled?: boolean | null }): string {
  return `${connection.provider} ${connection.type} connection ${connection.id}${connection.enabled ? " (enabled)" : ""}`;
}
