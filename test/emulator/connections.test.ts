import { createOrganization, expectApiError, IDP_CERTIFICATE_PEM, startSession, type Session } from "./support";

let session: Session;
let orgId: string;
beforeAll(async () => {
  session = await startSession();
  orgId = (await createOrganization(session, { display_name: "Connected" })).id;
});
afterAll(() => session.emulator.close());

const base = () => `/api/v1/organizations/${orgId}/connections`;

async function createConnection(body: Record<string, unknown> = { provider: "OKTA", type: "SAML" }): Promise<any> {
  const res = await session.call("POST", base(), body);
  if (res.status !== 201) throw new Error(`create connection failed: ${res.status} ${res.text}`);
  return res.json.connection;
}

const completeSaml = () => ({
  saml_config: { idp_entity_id: "http://www.okta.com/exk1", idp_sso_url: "https://acme.okta.com/app/sso/saml", idp_certificate: IDP_CERTIFICATE_PEM },
});

describe("SAML connections", () => {
  it("creates a DRAFT, disabled shell with 201 and server-generated SP endpoints", async () => {
    const conn = await createConnection({ provider: "OKTA", type: "SAML", provider_key: "okta", key_id: "acme-okta" });
    const url = session.emulator.url;
    expect(conn).toMatchObject({
      id: expect.stringMatching(/^conn_\d{17}$/),
      provider: "OKTA",
      type: "SAML",
      status: "DRAFT",
      enabled: false,
      organization_id: orgId,
      provider_key: "okta",
      key_id: "acme-okta",
      saml_config: {
        sp_entity_id: `${url}/sso/v1/saml/${conn.id}`,
        sp_assertion_url: `${url}/sso/v1/saml/${conn.id}/callback`,
        sp_metadata_url: `${url}/sso/v1/saml/${conn.id}/metadata`,
        sp_slo_url: `${url}/sso/v1/saml/${conn.id}/slo`,
        idp_certificates: [],
      },
    });
    expect(conn.test_connection_uri).toBe(`${url}/sso/v1/saml/${conn.id}/test`);
  });

  it("goes DRAFT → IN_PROGRESS → COMPLETED as configuration arrives, and reads the certificate back parsed", async () => {
    const conn = await createConnection();
    const path = `${base()}/${conn.id}`;
    const partial = await session.call("PATCH", path, { saml_config: { idp_entity_id: "http://www.okta.com/exk1" } });
    expect(partial.status).toBe(200);
    expect(partial.json.connection.status).toBe("IN_PROGRESS");

    const full = await session.call("PATCH", path, {
      saml_config: { idp_sso_url: "https://acme.okta.com/app/sso/saml", idp_certificate: IDP_CERTIFICATE_PEM, force_authn: true, idp_name_id_format: "EMAIL" },
      attribute_mapping: { email: "user.email", name: "user.displayName" },
      ui_button_title: "Sign in with Okta",
    });
    expect(full.status).toBe(200);
    const read = (await session.call("GET", path)).json.connection;
    expect(read).toEqual(full.json.connection);
    expect(read).toMatchObject({
      status: "COMPLETED",
      enabled: false,
      attribute_mapping: { email: "user.email", name: "user.displayName" },
      ui_button_title: "Sign in with Okta",
      saml_config: { idp_entity_id: "http://www.okta.com/exk1", idp_sso_url: "https://acme.okta.com/app/sso/saml", force_authn: true, idp_name_id_format: "EMAIL" },
    });
    expect(read.saml_config).not.toHaveProperty("idp_certificate");
    expect(read.saml_config.idp_certificates).toEqual([
      {
        id: expect.any(String),
        certificate: IDP_CERTIFICATE_PEM.trim() + "\n",
        create_time: expect.any(String),
        expiry_time: expect.any(String),
        issuer: expect.stringContaining("CN=Emulator Test IdP"),
      },
    ]);
    expect(Date.parse(read.saml_config.idp_certificates[0].expiry_time)).toBeGreaterThan(Date.now());
  });

  it("keeps omitted fields unchanged and clears a wrapper field sent as \"\"", async () => {
    const conn = await createConnection();
    const path = `${base()}/${conn.id}`;
    await session.call("PATCH", path, completeSaml());
    const touched = await session.call("PATCH", path, { debug_enabled: true });
    expect(touched.json.connection).toMatchObject({ status: "COMPLETED", debug_enabled: true });
    const cleared = await session.call("PATCH", path, { saml_config: { idp_sso_url: "" } });
    expect(cleared.json.connection.status).toBe("IN_PROGRESS");
    expect(cleared.json.connection.saml_config).not.toHaveProperty("idp_sso_url");
  });

  it("is complete with only a metadata URL", async () => {
    const conn = await createConnection({ provider: "MICROSOFT_AD", type: "SAML" });
    const res = await session.call("PATCH", `${base()}/${conn.id}`, { saml_config: { idp_metadata_url: "https://login.microsoftonline.com/t/federationmetadata.xml" } });
    expect(res.json.connection.status).toBe("COMPLETED");
  });

  it("enables only a complete connection, and disables", async () => {
    const conn = await createConnection();
    const path = `${base()}/${conn.id}`;
    const refused = await session.call("PATCH", `${path}:enable`);
    expectApiError(refused, { status: 400, code: 9, errorCode: "FAILED_PRECONDITION", field: "saml_config.idp_certificate" });
    expect(refused.json.message).toMatch(/incomplete/);

    await session.call("PATCH", path, completeSaml());
    const enabled = await session.call("PATCH", `${path}:enable`);
    expect(enabled.status).toBe(200);
    expect(enabled.json).toEqual({ enabled: true });
    expect((await session.call("GET", path)).json.connection.enabled).toBe(true);

    const disabled = await session.call("PATCH", `${path}:disable`);
    expect(disabled.json).toEqual({ enabled: false });
    expect((await session.call("GET", path)).json.connection.enabled).toBe(false);
  });

  it("deletes with {}; then 404", async () => {
    const conn = await createConnection();
    const path = `${base()}/${conn.id}`;
    expect((await session.call("DELETE", path)).json).toEqual({});
    expectApiError(await session.call("GET", path), { status: 404, code: 5, errorCode: "NOT_FOUND" });
    expectApiError(await session.call("PATCH", `${path}:enable`), { status: 404, code: 5, errorCode: "NOT_FOUND" });
  });
});

describe("OIDC connections", () => {
  it("needs endpoints + client id + secret; never returns the client secret", async () => {
    const conn = await createConnection({ provider: "OKTA", type: "OIDC" });
    const path = `${base()}/${conn.id}`;
    expect(conn.oidc_config).toEqual({ scopes: [], redirect_uri: `${session.emulator.url}/sso/v1/oidc/${conn.id}/callback` });

    const partial = await session.call("PATCH", path, { oidc_config: { issuer: "https://acme.okta.com", client_id: "abc" } });
    expect(partial.json.connection.status).toBe("IN_PROGRESS");
    expectApiError(await session.call("PATCH", `${path}:enable`), { status: 400, code: 9, errorCode: "FAILED_PRECONDITION", field: "oidc_config.client_secret" });

    const full = await session.call("PATCH", path, {
      oidc_config: { client_secret: "s3cret", scopes: ["openid", "email"], token_auth_type: "BASIC_AUTH", pkce_enabled: true },
      configuration_type: "DISCOVERY",
    });
    expect(full.json.connection).toMatchObject({
      status: "COMPLETED",
      configuration_type: "DISCOVERY",
      oidc_config: { issuer: "https://acme.okta.com", client_id: "abc", scopes: ["openid", "email"], token_auth_type: "BASIC_AUTH", pkce_enabled: true },
    });
    expect(full.text).not.toContain("s3cret");
    expect((await session.call("GET", path)).text).not.toContain("s3cret");
    expect((await session.call("PATCH", `${path}:enable`)).json).toEqual({ enabled: true });
  });

  it("is complete with explicit authorize, token and jwks endpoints instead of an issuer", async () => {
    const conn = await createConnection({ provider: "CUSTOM", type: "OIDC" });
    const res = await session.call("PATCH", `${base()}/${conn.id}`, {
      oidc_config: {
        authorize_uri: "https://idp.example/authorize", token_uri: "https://idp.example/token", jwks_uri: "https://idp.example/jwks",
        client_id: "cid", client_secret: "cs",
      },
    });
    expect(res.json.connection.status).toBe("COMPLETED");
  });
});

describe("connection list", () => {
  let listOrg: string;
  let active: string;
  let draft: string;
  let completeButDisabled: string;
  beforeAll(async () => {
    listOrg = (await createOrganization(session, { display_name: "Listed Org" })).id;
    await session.call("POST", `/api/v1/organizations/${listOrg}/domains`, { domain: "listed.example" });
    const make = async () => (await session.call("POST", `/api/v1/organizations/${listOrg}/connections`, { provider: "OKTA", type: "SAML" })).json.connection.id as string;
    active = await make();
    draft = await make();
    completeButDisabled = await make();
    for (const id of [active, completeButDisabled]) await session.call("PATCH", `/api/v1/organizations/${listOrg}/connections/${id}`, completeSaml());
    await session.call("PATCH", `/api/v1/organizations/${listOrg}/connections/${active}:enable`);
  });

  it("shows only enabled, completed connections by default", async () => {
    const res = await session.call("GET", `/api/v1/connections?organization_id=${listOrg}`);
    expect(res.status).toBe(200);
    expect(res.json.connections).toEqual([
      {
        id: active, provider: "OKTA", type: "SAML", status: "COMPLETED", enabled: true, organization_id: listOrg,
        ui_button_title: "", domains: ["listed.example"], organization_name: "Listed Org", provider_key: "", key_id: "",
        created_at: expect.any(String),
      },
    ]);
  });

  it("shows every connection with include=all", async () => {
    const res = await session.call("GET", `/api/v1/connections?organization_id=${listOrg}&include=all`);
    expect(res.json.connections.map((c: { id: string; status: string }) => [c.id, c.status])).toEqual([
      [active, "COMPLETED"],
      [draft, "DRAFT"],
      [completeButDisabled, "COMPLETED"],
    ]);
  });

  it("filters by domain", async () => {
    const res = await session.call("GET", "/api/v1/connections?domain=listed.example&include=all");
    expect(res.json.connections).toHaveLength(3);
    const none = await session.call("GET", "/api/v1/connections?domain=unknown.example");
    expect(none.json).toEqual({ connections: [] });
  });

  it("refuses bad filters", async () => {
    expectApiError(await session.call("GET", "/api/v1/connections?include=some"), { status: 400, code: 3, errorCode: "INVALID_ARGUMENT", field: "include" });
    expectApiError(await session.call("GET", `/api/v1/connections?domain=${"a".repeat(30)}.example`), { status: 400, code: 3, errorCode: "INVALID_ARGUMENT", field: "domain" });
  });
});

describe("connection rules", () => {
  it.each([
    ["saml_config", { provider: "OKTA", type: "SAML", saml_config: { idp_entity_id: "x" } }],
    ["oidc_config", { provider: "OKTA", type: "OIDC", oidc_config: { issuer: "https://x" } }],
    ["attribute_mapping", { provider: "OKTA", type: "SAML", attribute_mapping: { email: "mail" } }],
    ["enabled", { provider: "OKTA", type: "SAML", enabled: true }],
  ])("create refuses config field %s", async (field, body) => {
    expectApiError(await session.call("POST", base(), body), { status: 400, code: 3, errorCode: "INVALID_ARGUMENT", field });
  });

  it.each([
    ["provider", { type: "SAML" }],
    ["type", { provider: "OKTA" }],
    ["provider", { provider: "AZURE", type: "SAML" }],
    ["type", { provider: "OKTA", type: "saml" }],
    ["type", { provider: "OKTA", type: "OAUTH" }],
    ["type", { provider: "OKTA", type: "PASSWORDLESS" }],
    ["type", { provider: "OKTA", type: "WEBAUTHN" }],
  ])("create refuses a bad %s: %j", async (field, body) => {
    expectApiError(await session.call("POST", base(), body), { status: 400, code: 3, errorCode: "INVALID_ARGUMENT", field });
  });

  it.each([
    ["saml_config.idp_certificate", { saml_config: { idp_certificate: "-----BEGIN CERTIFICATE-----\nnot a cert\n-----END CERTIFICATE-----" } }],
    ["saml_config.idp_certificates", { saml_config: { idp_certificates: [] } }],
    ["saml_config.idp_name_id_format", { saml_config: { idp_name_id_format: "email" } }],
    ["saml_config.force_authn", { saml_config: { force_authn: "yes" } }],
    ["oidc_config", { oidc_config: { issuer: "https://x" } }],
    ["attribute_mapping", { attribute_mapping: Object.fromEntries(Array.from({ length: 31 }, (_, i) => [`a${i}`, "v"])) }],
    ["attribute_mapping.email", { attribute_mapping: { email: "" } }],
    ["type", { type: "WEBAUTHN" }],
    ["key_id", { key_id: "" }],
    ["oauth_config", { oauth_config: {} }],
    ["status", { status: "COMPLETED" }],
  ])("update refuses %s", async (field, body) => {
    const conn = await createConnection();
    expectApiError(await session.call("PATCH", `${base()}/${conn.id}`, body), { status: 400, code: 3, errorCode: "INVALID_ARGUMENT", field });
  });

  it("refuses a key_id another connection has, on create and on update, with 409 ALREADY_EXISTS", async () => {
    await createConnection({ provider: "OKTA", type: "SAML", key_id: "unique-key" });
    expectApiError(await session.call("POST", base(), { provider: "OKTA", type: "OIDC", key_id: "unique-key" }), {
      status: 409, code: 6, errorCode: "ALREADY_EXISTS", field: "key_id",
    });
    const other = await createConnection({ provider: "OKTA", type: "SAML" });
    expectApiError(await session.call("PATCH", `${base()}/${other.id}`, { key_id: "unique-key" }), {
      status: 409, code: 6, errorCode: "ALREADY_EXISTS", field: "key_id",
    });
  });

  it("answers 404 for a connection of another organization", async () => {
    const conn = await createConnection();
    const other = await createOrganization(session, { display_name: "Elsewhere" });
    expectApiError(await session.call("GET", `/api/v1/organizations/${other.id}/connections/${conn.id}`), { status: 404, code: 5, errorCode: "NOT_FOUND" });
  });

  it("with strictConnectionUpdates, refuses a PATCH that does not name type, provider and the current key_id", async () => {
    const strict = await startSession({ strictConnectionUpdates: true });
    try {
      const org = (await createOrganization(strict, { display_name: "Strict" })).id;
      const path = `/api/v1/organizations/${org}/connections`;
      const conn = (await strict.call("POST", path, { provider: "OKTA", type: "OIDC", key_id: "strict-okta" })).json.connection;
      const config = { oidc_config: { issuer: "https://strict.okta.com", client_id: "c", client_secret: "s" } };
      expectApiError(await strict.call("PATCH", `${path}/${conn.id}`, config), { status: 400, code: 3, errorCode: "INVALID_ARGUMENT", field: "type" });
      expectApiError(await strict.call("PATCH", `${path}/${conn.id}`, { ...config, type: "OIDC" }), { status: 400, code: 3, errorCode: "INVALID_ARGUMENT", field: "provider" });
      expectApiError(await strict.call("PATCH", `${path}/${conn.id}`, { ...config, type: "OIDC", provider: "OKTA" }), { status: 400, code: 3, errorCode: "INVALID_ARGUMENT", field: "key_id" });
      const accepted = await strict.call("PATCH", `${path}/${conn.id}`, { ...config, type: "OIDC", provider: "OKTA", key_id: "strict-okta" });
      expect(accepted.json.connection).toMatchObject({ status: "COMPLETED", key_id: "strict-okta", test_connection_uri: `${strict.emulator.url}/sso/v1/oidc/${conn.id}/test` });
    } finally {
      await strict.emulator.close();
    }
  });
});
