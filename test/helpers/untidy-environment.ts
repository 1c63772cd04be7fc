import type { ScalekitClient } from "../../provider/api/client";
import type { UpdateConnectionBody } from "../../provider/api/requests";
import { selfSignedCertificate } from "./certificates";
import { editRecord, insertRecord, setDomainVerification } from "./emulator-records";

/** What the untidy environment holds that a test asserts on: organization ids by role, connection ids. */
export interface UntidyEnvironment {
  organizations: number;
  ids: Record<string, string>;
  connections: Record<string, string>;
}

/** How many organizations: more than two pages of the largest page Scalekit serves (100). */
export const UNTIDY_ORGANIZATIONS = 300;

/**
 * An environment set up by hand over the years, as the scaffold meets it: organizations without
 * external ids (named alike, with accents, or with nothing usable for a key), external ids that are no
 * keys, connections without key ids or with foreign ones, disabled, draft and half-configured
 * connections, two connections in one organization, a social login, a passwordless connection and a
 * public email domain (which this emulator's API refuses, so they are written to its data file), a
 * feature this project does not know, a domain pending DNS, allowed-email domains; then plain
 * customers up to 300 organizations, every tenth with an SSO connection a Pulumi stack made (the
 * tenant's own key id). The emulator must run on a data file.
 */
export async function seedUntidyEnvironment(dataFile: string, client: ScalekitClient): Promise<UntidyEnvironment> {
  const ids: Record<string, string> = {};
  const connections: Record<string, string> = {};
  const { cert: current } = await selfSignedCertificate({ commonName: "Current IdP" });
  const { cert: older } = await selfSignedCertificate({ commonName: "Older IdP", notAfter: new Date(Date.now() + 30 * 86_400_000) });
  const organization = async (role: string, body: Parameters<ScalekitClient["organizations"]["create"]>[0]) => (ids[role] = (await client.organizations.create(body)).id);
  const connection = async (role: string, organizationId: string, shell: { provider: string; type: "SAML" | "OIDC"; key_id?: string }, config?: Omit<UpdateConnectionBody, "provider" | "type">, enabled = false) => {
    const created = await client.connections.create(organizationId, shell as never);
    if (config) await client.connections.update(organizationId, created.id, { provider: shell.provider, type: shell.type, key_id: shell.key_id, ...config } as UpdateConnectionBody);
    if (enabled) await client.connections.enable(organizationId, created.id);
    return (connections[role] = created.id);
  };
  const manualSaml = (certificate: string): Omit<UpdateConnectionBody, "provider" | "type"> => ({
    configuration_type: "MANUAL",
    saml_config: { idp_entity_id: "http://www.okta.com/exkuntidy", idp_sso_url: "https://untidy.okta.com/app/sso/saml", idp_certificate: certificate, idp_name_id_format: "EMAIL" },
  });
  const metadataSaml: Omit<UpdateConnectionBody, "provider" | "type"> = { configuration_type: "DISCOVERY", saml_config: { idp_metadata_url: "https://idp.untidy.test/saml/metadata" } };
  const oidc = (scopes = ["openid", "profile", "email"]): Omit<UpdateConnectionBody, "provider" | "type"> => ({
    configuration_type: "DISCOVERY",
    oidc_config: { issuer: "https://login.untidy.test/v2.0", client_id: "untidy-app", client_secret: "held-by-scalekit", scopes: scopes as never },
  });

  // A tidy one, as if a Pulumi stack had made it: external id, slug, metadata, features, the tenant's own key id.
  await organization("acme", { display_name: "Acme Corp", external_id: "ACME-001", slug: "acme", metadata: { plan: "gold" } });
  await client.organizations.updateSettings(ids.acme, [{ name: "sso", enabled: true }, { name: "dir_sync", enabled: true }]);
  await client.domains.create(ids.acme, { domain: "acmecorp.com", domain_type: "ORGANIZATION_DOMAIN" });
  await client.domains.create(ids.acme, { domain: "acme.io", domain_type: "ALLOWED_EMAIL_DOMAIN" });
  await connection("acme", ids.acme, { provider: "OKTA", type: "SAML", key_id: "acme-001-okta-saml" }, { ...metadataSaml, attribute_mapping: { email: "user.email" } }, true);

  // No external id: a key from the name (accents stripped), the organization adopted by its id; OIDC without a key id.
  await organization("societe", { display_name: "Société Générale d'Électricité" });
  await client.domains.create(ids.societe, { domain: "sge.fr", domain_type: "ORGANIZATION_DOMAIN" });
  await connection("societe", ids.societe, { provider: "MICROSOFT_AD", type: "OIDC" }, oidc(), true);

  // Two organizations of one name: globex, then globex-2.
  await organization("globex", { display_name: "Globex" });
  await organization("globex2", { display_name: "Globex" });
  // Nothing usable for a key but the id; an external id that is no key; a name longer than a key may be.
  await organization("punctuation", { display_name: "???" });
  await organization("crm", { display_name: "CRM Customer", external_id: "CRM#0042/EU" });
  await organization("long", { display_name: "The Extremely Long and Distinguished Name of a Customer Incorporated Worldwide" });
  // A slug and no external id: the key comes from the slug.
  await organization("initech", { display_name: "Initech", slug: "initech" });
  await client.domains.create(ids.initech, { domain: "initech.com", domain_type: "ORGANIZATION_DOMAIN" });

  // A configured connection, disabled, with someone else's key id: adopted by its id, its key id kept.
  await organization("legacy", { display_name: "Legacy Saml", external_id: "legacy" });
  await connection("legacy", ids.legacy, { provider: "OKTA", type: "SAML", key_id: "legacy-saml-8" }, manualSaml(current));
  // A draft (the shell only) and a half-configured connection: not declarable.
  await organization("draft", { display_name: "Draft Only", external_id: "draft" });
  await connection("draft", ids.draft, { provider: "OKTA", type: "SAML" });
  await organization("partial", { display_name: "Partial Config", external_id: "partial" });
  await connection("partial", ids.partial, { provider: "ADFS", type: "SAML" }, { saml_config: { idp_entity_id: "http://adfs.partial.test/adfs/services/trust" } });
  // Two connections: the enabled one is declared, the other noted.
  await organization("twins", { display_name: "Twin Connections", external_id: "twins" });
  await connection("twinsDisabled", ids.twins, { provider: "MICROSOFT_AD", type: "OIDC" }, oidc());
  await connection("twins", ids.twins, { provider: "OKTA", type: "SAML" }, manualSaml(current), true);
  // A social login (GITHUB OIDC) and a passwordless connection: neither is an enterprise SSO connection.
  await organization("social", { display_name: "Social Only", external_id: "social" });
  await connection("social", ids.social, { provider: "GITHUB", type: "OIDC" }, oidc(), true);
  const passwordless = "conn_90000000000000001";
  insertRecord(dataFile, "connection", ids.social, {
    id: passwordless, organization_id: ids.social, provider: "SCALEKIT", type: "PASSWORDLESS", enabled: true, debug_enabled: false,
    attribute_mapping: {}, provider_key: "", create_time: new Date().toISOString(), update_time: new Date().toISOString(),
  });
  connections.passwordless = passwordless;
  // A public email domain this file cannot declare, next to a real one.
  await organization("gmail", { display_name: "Gmail Users", external_id: "gmail-users" });
  await client.domains.create(ids.gmail, { domain: "gmail-users.com", domain_type: "ORGANIZATION_DOMAIN" });
  insertRecord(dataFile, "domain", ids.gmail, {
    id: "dom_90000000000000001", domain: "gmail.com", environment_id: "env_untidy", organization_id: ids.gmail, domain_type: "ORGANIZATION_DOMAIN",
    verification_status: "VERIFIED", verification_method: "ADMIN", create_time: new Date().toISOString(), update_time: new Date().toISOString(),
  });
  // A feature this project (and this emulator's API) does not know, as a newer Scalekit may have.
  await organization("beta", { display_name: "Beta Tester", external_id: "beta" });
  await client.organizations.updateSettings(ids.beta, [{ name: "sso", enabled: true }]);
  editRecord<{ settings: { features: unknown[] } }>(dataFile, "organization", ids.beta, (record) => {
    record.settings.features.push({ name: "beta_feature", enabled: true });
    return record;
  });
  // Two IdP certificates (a rotation in progress; the API replaces, so the older one is written to the data file).
  await organization("rotating", { display_name: "Rotating Certs", external_id: "rotating" });
  await connection("rotating", ids.rotating, { provider: "PING_IDENTITY", type: "SAML" }, manualSaml(current), true);
  editRecord<{ saml: { idp_certificates: unknown[] } }>(dataFile, "connection", connections.rotating, (record) => {
    record.saml.idp_certificates.push({ id: "cert_90000000000000001", certificate: older, create_time: new Date().toISOString(), expiry_time: new Date(Date.now() + 30 * 86_400_000).toISOString(), issuer: "CN=Older IdP" });
    return record;
  });
  // A domain still pending DNS verification; allowed-email domains only; a connection with every extra.
  await organization("pending", { display_name: "Pending Dns", external_id: "pending" });
  const pending = await client.domains.create(ids.pending, { domain: "pending-dns.com", domain_type: "ORGANIZATION_DOMAIN" });
  setDomainVerification(dataFile, pending.id, "PENDING", "DNS");
  await organization("allowed", { display_name: "Allowed Only", external_id: "allowed" });
  await client.domains.create(ids.allowed, { domain: "allowed-one.com", domain_type: "ALLOWED_EMAIL_DOMAIN" });
  await client.domains.create(ids.allowed, { domain: "allowed-two.com", domain_type: "ALLOWED_EMAIL_DOMAIN" });
  await organization("extras", { display_name: "Extras Inc", external_id: "extras" });
  await connection("extras", ids.extras, { provider: "AUTH0", type: "OIDC" }, { ...oidc(["openid", "email"]), debug_enabled: true, ui_button_title: "Sign in with Extras", oidc_config: { ...oidc(["openid", "email"]).oidc_config, pkce_enabled: true } }, true);

  const seeded = Object.keys(ids).length;
  for (let index = seeded; index < UNTIDY_ORGANIZATIONS; index++) {
    const number = String(index).padStart(3, "0");
    const withExternalId = index % 2 === 0;
    const id = await organization(`customer${number}`, { display_name: `Customer ${number}`, external_id: withExternalId ? `cust-${number}` : undefined });
    await client.domains.create(id, { domain: `customer-${number}.com`, domain_type: "ORGANIZATION_DOMAIN" });
    if (index % 10 === 0) {
      await connection(`customer${number}`, id, { provider: "OKTA", type: "SAML", key_id: `cust-${number}-okta-saml` }, metadataSaml, true);
    }
  }
  return { organizations: UNTIDY_ORGANIZATIONS, ids, connections };
}
