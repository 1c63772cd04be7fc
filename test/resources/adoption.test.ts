import type { ScalekitClient } from "../../provider/api/client";
import { apiCallsOf } from "../helpers/api-calls";
import { selfSignedCertificate } from "../helpers/certificates";
import { clientFor, useEmulator } from "../helpers/emulator";
import { captureWarnings, configureRuntime, runtime } from "../helpers/runtime";

/*
 * Adoption (`adopt`, `organizationId`, `connectionId`): a create that looks first and writes only what
 * differs. The exact calls each create makes, against objects made beforehand as a person would in the
 * dashboard. Strict connection PATCHes: one sent must name the connection's type, provider and key id.
 */
const env = useEmulator({ strictConnectionUpdates: true });
const logged = captureWarnings();
let client: ScalekitClient;
beforeAll(() => {
  client = clientFor(env.emulator);
});
afterAll(async () => {
  await client.close();
  await runtime.closeClients();
});
const apiCalls = (action: () => Promise<unknown>) => apiCallsOf(env.emulator, action);

async function checked(kind: string, news: Record<string, unknown>) {
  const { inputs, failures } = await configureRuntime(env.emulator).check(kind, {}, news);
  expect(failures).toEqual([]);
  return inputs;
}

describe("Organization with adopt", () => {
  test("found by external id and matching: one GET, nothing written", async () => {
    const existing = await client.organizations.create({ display_name: "Adopt Co", external_id: "adopt-co", slug: "adopt-co", metadata: { plan: "gold" } });
    await client.organizations.updateSettings(existing.id, [{ name: "sso", enabled: true }]);
    const inputs = await checked("Organization", { displayName: "Adopt Co", externalId: "adopt-co", slug: "adopt-co", metadata: { plan: "gold" }, features: { sso: true }, adopt: true });
    let created!: { id: string; outs: any };
    expect(await apiCalls(async () => (created = await runtime.create("Organization", inputs)))).toEqual(["GET /api/v1/organizations:external/adopt-co 200"]);
    expect(created.id).toBe(existing.id);
    expect(created.outs).toMatchObject({ organizationId: existing.id, createTime: existing.create_time, features: { sso: true }, adopt: true });
    expect(logged.infos).toEqual([]);
  });

  test("found with differences: only the fields that differ are written, features only if they differ", async () => {
    const existing = await client.organizations.create({ display_name: "Old Name", external_id: "drifted-co" });
    const same = await checked("Organization", { displayName: "New Name", externalId: "drifted-co", adopt: true });
    expect(await apiCalls(() => runtime.create("Organization", same))).toEqual(["GET /api/v1/organizations:external/drifted-co 200", "PATCH /api/v1/organizations/{org} 200"]);
    const featured = await checked("Organization", { displayName: "New Name", externalId: "drifted-co", features: { sso: true }, adopt: true });
    expect(await apiCalls(() => runtime.create("Organization", featured))).toEqual(["GET /api/v1/organizations:external/drifted-co 200", "PATCH /api/v1/organizations/{org}/settings 200"]);
    expect(await client.organizations.get(existing.id)).toMatchObject({ display_name: "New Name", settings: { features: [{ name: "sso", enabled: true }] } });
  });

  test("by organizationId: an organization without an external id keeps none", async () => {
    const existing = await client.organizations.create({ display_name: "No External Id" });
    const inputs = await checked("Organization", { displayName: "No External Id", organizationId: existing.id });
    let created!: { id: string; outs: any };
    expect(await apiCalls(async () => (created = await runtime.create("Organization", inputs)))).toEqual(["GET /api/v1/organizations/{org} 200"]);
    expect(created.id).toBe(existing.id);
    expect((await client.organizations.get(existing.id)).external_id).toBeFalsy();
    // Nothing differs, so nothing is announced (a scaffold adopts hundreds at once).
    expect(logged.infos).toEqual([]);
  });

  test("by an organizationId Scalekit does not have: refused before any write", async () => {
    const inputs = await checked("Organization", { displayName: "Ghost", organizationId: "org_999999" });
    const failure = runtime.create("Organization", inputs);
    await expect(failure).rejects.toThrow("organizationId org_999999: Scalekit has no such organization; remove organizationId to create a new organization");
  });

  test("nothing with that external id yet: created as without adopt", async () => {
    const inputs = await checked("Organization", { displayName: "Brand New", externalId: "brand-new", features: { sso: true }, adopt: true });
    expect(await apiCalls(() => runtime.create("Organization", inputs))).toEqual([
      "GET /api/v1/organizations:external/brand-new 404",
      "POST /api/v1/organizations 201",
      "PATCH /api/v1/organizations/{org}/settings 200",
    ]);
    expect(logged.infos).toEqual(['info: [runtime] no organization has the external id "brand-new" yet; creating it']);
  });

  test("without adopt, a create does not look first (the calls of every other create)", async () => {
    const inputs = await checked("Organization", { displayName: "Plain", externalId: "plain-co", features: { sso: true } });
    expect(await apiCalls(() => runtime.create("Organization", inputs))).toEqual(["POST /api/v1/organizations 201", "PATCH /api/v1/organizations/{org}/settings 200"]);
  });

  test("check: adopt needs something to find the organization by", async () => {
    const { failures } = await configureRuntime(env.emulator).check("Organization", {}, { displayName: "Lost", adopt: true });
    expect(failures).toEqual([{ property: "adopt", reason: "adopt: needs externalId or organizationId: what finds the organization to adopt" }]);
  });

  test.each<[string, Record<string, unknown>, { changes: boolean; replaces: string[] }]>([
    ["adopt dropped once adopted", {}, { changes: false, replaces: [] }],
    ["adopt added later", { adopt: true }, { changes: false, replaces: [] }],
    ["organizationId given, the same", { organizationId: "org_1" }, { changes: false, replaces: [] }],
    ["organizationId of another organization", { organizationId: "org_2" }, { changes: true, replaces: ["organizationId"] }],
  ])("diff: %s", async (_title, extra, expected) => {
    const olds = { displayName: "Diff Co", externalId: "diff-co", adopt: true, organizationId: "org_1", createTime: "2026-01-01T00:00:00Z" };
    expect(await runtime.diff("Organization", "org_1", olds, { displayName: "Diff Co", externalId: "diff-co", ...extra })).toMatchObject(expected);
  });
});

describe("Domain with adopt", () => {
  test("the organization has it: one list call, nothing written; of another type: refused", async () => {
    const organization = await client.organizations.create({ display_name: "Domain Adopt Co" });
    const existing = await client.domains.create(organization.id, { domain: "adopt-domain.com", domain_type: "ALLOWED_EMAIL_DOMAIN" });
    const inputs = await checked("Domain", { organizationId: organization.id, domain: "adopt-domain.com", domainType: "ALLOWED_EMAIL_DOMAIN", adopt: true });
    let created!: { id: string; outs: any };
    expect(await apiCalls(async () => (created = await runtime.create("Domain", inputs)))).toEqual(["GET /api/v1/organizations/{org}/domains 200"]);
    expect(created.id).toBe(`${organization.id}/${existing.id}`);
    const otherType = await checked("Domain", { organizationId: organization.id, domain: "adopt-domain.com", adopt: true });
    await expect(runtime.create("Domain", otherType)).rejects.toThrow(`domain adopt-domain.com already exists in ${organization.id} as ALLOWED_EMAIL_DOMAIN, not ORGANIZATION_DOMAIN`);
  });

  test("the organization does not have it: looked up, then created", async () => {
    const organization = await client.organizations.create({ display_name: "Domain New Co" });
    const inputs = await checked("Domain", { organizationId: organization.id, domain: "domain-new.com", adopt: true });
    expect(await apiCalls(() => runtime.create("Domain", inputs))).toEqual(["GET /api/v1/organizations/{org}/domains 200", "POST /api/v1/organizations/{org}/domains 200"]);
  });
});

describe("SSOConnection with adopt", () => {
  async function samlConnection(organizationId: string, options: { keyId?: string; enabled: boolean }) {
    const { cert } = await selfSignedCertificate();
    const shell = await client.connections.create(organizationId, { provider: "OKTA", type: "SAML", key_id: options.keyId });
    await client.connections.update(organizationId, shell.id, {
      provider: "OKTA",
      type: "SAML",
      key_id: options.keyId,
      configuration_type: "MANUAL",
      attribute_mapping: { email: "user.email" },
      saml_config: { idp_entity_id: "http://www.okta.com/exkadopt", idp_sso_url: "https://adopt.okta.com/app/sso/saml", idp_certificate: cert },
    });
    if (options.enabled) await client.connections.enable(organizationId, shell.id);
    return { id: shell.id, cert };
  }
  const samlInputs = (organizationId: string, cert: string, extra: Record<string, unknown>) => ({
    organizationId,
    provider: "OKTA",
    saml: { entityId: "http://www.okta.com/exkadopt", ssoUrl: "https://adopt.okta.com/app/sso/saml", certificate: cert },
    attributeMapping: { email: "user.email" },
    adopt: true,
    ...extra,
  });

  test("found by key id and matching: a list and a GET, nothing written", async () => {
    const organization = await client.organizations.create({ display_name: "Saml Adopt Co" });
    const { id, cert } = await samlConnection(organization.id, { keyId: "saml-adopt-okta-saml", enabled: true });
    const inputs = await checked("SSOConnection", samlInputs(organization.id, cert, { keyId: "saml-adopt-okta-saml" }));
    let created!: { id: string; outs: any };
    expect(await apiCalls(async () => (created = await runtime.create("SSOConnection", inputs)))).toEqual([
      "GET /api/v1/connections 200",
      "GET /api/v1/organizations/{org}/connections/{conn} 200",
    ]);
    expect(created.id).toBe(`${organization.id}/${id}`);
    expect(created.outs).toMatchObject({ connectionId: id, enabled: true, status: "COMPLETED", protocol: "SAML" });
    // The adopted connection diffs cleanly against the same inputs.
    expect((await runtime.diff("SSOConnection", created.id, created.outs, inputs)).changes).toBe(false);
  });

  test("by connectionId, enabled and to stay so: one GET; its IdP (unreachable here) is checked neither at preview nor at create", async () => {
    const organization = await client.organizations.create({ display_name: "Keyless Adopt Co" });
    const { id, cert } = await samlConnection(organization.id, { enabled: true });
    const news = samlInputs(organization.id, cert, { connectionId: id, adopt: undefined, saml: { metadataUrl: "https://localhost:1/metadata" } });
    await client.connections.update(organization.id, id, { provider: "OKTA", type: "SAML", saml_config: { idp_metadata_url: "https://localhost:1/metadata" } });
    const inputs = await checked("SSOConnection", news);
    expect(await apiCalls(() => runtime.create("SSOConnection", inputs))).toEqual(["GET /api/v1/organizations/{org}/connections/{conn} 200"]);
  });

  test("differences: the configuration PATCHed, then enabled, once the IdP is checked", async () => {
    const organization = await client.organizations.create({ display_name: "Drifted Connection Co" });
    const { cert } = await samlConnection(organization.id, { keyId: "drifted-okta-saml", enabled: false });
    const inputs = await checked("SSOConnection", samlInputs(organization.id, cert, { keyId: "drifted-okta-saml", attributeMapping: { email: "user.mail" } }));
    let created!: { outs: any };
    expect(await apiCalls(async () => (created = await runtime.create("SSOConnection", inputs)))).toEqual([
      "GET /api/v1/connections 200",
      "GET /api/v1/organizations/{org}/connections/{conn} 200",
      "PATCH /api/v1/organizations/{org}/connections/{conn} 200",
      "PATCH /api/v1/organizations/{org}/connections/{conn}:enable 200",
    ]);
    expect(created.outs).toMatchObject({ enabled: true, attributeMapping: { email: "user.mail" } });
  });

  test("to enable, with an IdP that cannot be reached: refused before any write (check left it to create)", async () => {
    const organization = await client.organizations.create({ display_name: "Unreachable Idp Co" });
    const { id } = await samlConnection(organization.id, { keyId: "unreachable-okta-saml", enabled: false });
    await client.connections.update(organization.id, id, { provider: "OKTA", type: "SAML", key_id: "unreachable-okta-saml", saml_config: { idp_metadata_url: "https://localhost:1/metadata" } });
    const inputs = await checked("SSOConnection", {
      organizationId: organization.id, provider: "OKTA", keyId: "unreachable-okta-saml", saml: { metadataUrl: "https://localhost:1/metadata" }, attributeMapping: { email: "user.email" }, adopt: true,
    });
    const calls = await apiCalls(() => expect(runtime.create("SSOConnection", inputs)).rejects.toThrow(/the connection is not enabled: saml.metadataUrl: IdP metadata at https:\/\/localhost:1\/metadata could not be fetched/));
    expect(calls).toEqual(["GET /api/v1/connections 200", "GET /api/v1/organizations/{org}/connections/{conn} 200"]);
  });

  test("OIDC: the client secret is taken as the one Scalekit holds; only its digest is kept, nothing is sent", async () => {
    const organization = await client.organizations.create({ display_name: "Oidc Adopt Co" });
    const shell = await client.connections.create(organization.id, { provider: "MICROSOFT_AD", type: "OIDC" });
    await client.connections.update(organization.id, shell.id, {
      provider: "MICROSOFT_AD",
      type: "OIDC",
      configuration_type: "DISCOVERY",
      oidc_config: { issuer: "https://login.microsoftonline.com/tenant/v2.0", client_id: "app-1", client_secret: "held-secret", scopes: ["openid", "profile", "email"] },
    });
    await client.connections.enable(organization.id, shell.id);
    const inputs = await checked("SSOConnection", {
      organizationId: organization.id,
      provider: "MICROSOFT_AD",
      connectionId: shell.id,
      oidc: { issuer: "https://login.microsoftonline.com/tenant/v2.0", clientId: "app-1", clientSecret: "declared-secret" },
    });
    let created!: { outs: any };
    expect(await apiCalls(async () => (created = await runtime.create("SSOConnection", inputs)))).toEqual(["GET /api/v1/organizations/{org}/connections/{conn} 200"]);
    expect(created.outs.oidc).toEqual({ issuer: "https://login.microsoftonline.com/tenant/v2.0", clientId: "app-1", scopes: ["email", "openid", "profile"], clientSecretDigest: expect.stringMatching(/^hmac-sha256:/) });
    expect(JSON.stringify(created.outs)).not.toContain("declared-secret");
  });

  test("refused: another provider or protocol, a connectionId the organization lacks, adopt with nothing to find it by", async () => {
    const organization = await client.organizations.create({ display_name: "Mismatch Co" });
    const { id, cert } = await samlConnection(organization.id, { keyId: "mismatch-key", enabled: false });
    const google = await checked("SSOConnection", { ...samlInputs(organization.id, cert, { keyId: "mismatch-key" }), provider: "GOOGLE" });
    await expect(runtime.create("SSOConnection", google)).rejects.toThrow(`connection ${id} is a OKTA SAML connection, not GOOGLE SAML; it cannot be adopted as this one`);
    const ghost = await checked("SSOConnection", samlInputs(organization.id, cert, { connectionId: "conn_999999" }));
    await expect(runtime.create("SSOConnection", ghost)).rejects.toThrow(`connectionId conn_999999: organization ${organization.id} has no such connection`);
    const { failures } = await configureRuntime(env.emulator).check("SSOConnection", {}, samlInputs(organization.id, cert, {}));
    expect(failures).toEqual([{ property: "adopt", reason: "adopt: needs keyId or connectionId: what finds the connection to adopt" }]);
  });
});
