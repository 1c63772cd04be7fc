import { apiCallsOf } from "../helpers/api-calls";
import { expiredCertificate, selfSignedCertificate } from "../helpers/certificates";
import { clientFor, useEmulator } from "../helpers/emulator";
import { IdpDocumentServer, samlIdpMetadata } from "../helpers/idp-documents";
import { captureWarnings, configureRuntime, runtime } from "../helpers/runtime";

// Strict: every PATCH must name the connection's type, provider and key id, as every public caller does.
const env = useEmulator({ strictConnectionUpdates: true });
const warnings = captureWarnings();
let idp: IdpDocumentServer;
beforeAll(async () => {
  idp = await IdpDocumentServer.start();
});
afterAll(async () => {
  await idp.close();
  await runtime.closeClients();
});
const apiCalls = (action: () => Promise<unknown>) => apiCallsOf(env.emulator, action);

async function newOrganization(name: string): Promise<string> {
  const rt = configureRuntime(env.emulator);
  return (await rt.create("Organization", (await rt.check("Organization", {}, { displayName: name })).inputs)).id;
}

describe("SSOConnection (SAML) lifecycle against the emulator", () => {
  test("create (shell, config, enable) → read → update config → disable → out-of-band enable is drift → delete", async () => {
    const rt = configureRuntime(env.emulator);
    const organizationId = await newOrganization("Saml Co");
    const { cert } = await selfSignedCertificate();
    const { inputs, failures } = await rt.check("SSOConnection", {}, {
      organizationId,
      provider: "OKTA",
      keyId: "saml-co-okta",
      saml: { entityId: "http://www.okta.com/exk1", ssoUrl: "https://saml-co.okta.com/app/sso/saml", certificate: cert, nameIdFormat: "EMAIL" },
      attributeMapping: { email: "user.email" },
    });
    expect(failures).toEqual([]);

    let created!: { id: string; outs: any };
    expect(await apiCalls(async () => (created = await rt.create("SSOConnection", inputs)))).toEqual([
      "POST /api/v1/organizations/{org}/connections 201",
      "PATCH /api/v1/organizations/{org}/connections/{conn} 200",
      "PATCH /api/v1/organizations/{org}/connections/{conn}:enable 200",
    ]);
    const connectionId = created.id.split("/")[1];
    expect(created.outs).toMatchObject({
      ...inputs,
      protocol: "SAML",
      connectionId,
      status: "COMPLETED",
      enabled: true,
      acsUrl: `${env.emulator.url}/sso/v1/saml/${connectionId}/callback`,
      spEntityId: `${env.emulator.url}/sso/v1/saml/${connectionId}`,
      spMetadataUrl: expect.stringContaining(connectionId),
      // What Scalekit answers, passed through; the SAML form of the URL is not established (emulator README).
      testConnectionUri: expect.stringContaining(connectionId),
      idpCertificateExpiresAt: expect.any(String),
    });

    let read!: any;
    expect(await apiCalls(async () => (read = await rt.read("SSOConnection", created.id, created.outs)))).toEqual(["GET /api/v1/organizations/{org}/connections/{conn} 200"]);
    expect(read.props).toEqual(created.outs);
    expect((await rt.diff("SSOConnection", created.id, read.props, inputs)).changes).toBe(false);

    const remapped = { ...inputs, attributeMapping: { email: "user.email", name: "user.displayName" }, saml: { ...inputs.saml, forceAuthn: true } };
    let updated!: { outs: any };
    expect(await apiCalls(async () => (updated = await rt.update("SSOConnection", created.id, created.outs, remapped)))).toEqual([
      "PATCH /api/v1/organizations/{org}/connections/{conn} 200",
    ]);
    expect(updated.outs).toMatchObject({ attributeMapping: remapped.attributeMapping, saml: { forceAuthn: true }, enabled: true, acsUrl: created.outs.acsUrl });

    const disabled = { ...remapped, enabled: false };
    let afterDisable!: { outs: any };
    expect(await apiCalls(async () => (afterDisable = await rt.update("SSOConnection", created.id, updated.outs, disabled)))).toEqual([
      "PATCH /api/v1/organizations/{org}/connections/{conn}:disable 200",
    ]);
    expect(afterDisable.outs.enabled).toBe(false);

    const client = clientFor(env.emulator);
    await client.connections.enable(organizationId, connectionId);
    const drifted = await rt.read("SSOConnection", created.id, afterDisable.outs);
    expect(drifted.props).toMatchObject({ enabled: true });
    expect((await rt.diff("SSOConnection", created.id, drifted.props!, disabled)).changes).toBe(true);
    expect(await apiCalls(() => rt.update("SSOConnection", created.id, drifted.props!, disabled))).toEqual([
      "PATCH /api/v1/organizations/{org}/connections/{conn}:disable 200",
    ]);

    expect(await apiCalls(() => rt.delete("SSOConnection", created.id, afterDisable.outs))).toEqual(["DELETE /api/v1/organizations/{org}/connections/{conn} 200"]);
    expect(await rt.read("SSOConnection", created.id, afterDisable.outs)).toEqual({});
    expect(warnings.messages).toContainEqual(expect.stringContaining(`SSO connection ${created.id} no longer exists in Scalekit`));
    expect(await apiCalls(() => rt.delete("SSOConnection", created.id, afterDisable.outs))).toEqual(["DELETE /api/v1/organizations/{org}/connections/{conn} 404"]);
    await client.close();
  });

  test("a failure after the POST keeps the connection in state as a disabled shell; the next update completes it", async () => {
    const rt = configureRuntime(env.emulator);
    const organizationId = await newOrganization("Half Co");
    const { inputs } = await rt.check("SSOConnection", {}, { organizationId, provider: "OKTA", saml: { metadataUrl: "https://half-co.okta.com/app/metadata" }, validateIdp: false });
    env.emulator.scriptFault({ kind: "internal", method: "PATCH", path: /\/connections\/conn_\d+$/ });
    const failure = await rt.create("SSOConnection", inputs).catch((error) => error);
    expect(failure).toMatchObject({ name: "ResourceInitError", id: expect.stringMatching(new RegExp(`^${organizationId}/conn_`)) });
    expect(failure.message).toMatch(/was created but could not be configured: .*PATCH .* failed \(500/);
    expect(failure.properties).toMatchObject({ protocol: "SAML", enabled: false, status: "DRAFT" });
    expect(failure.properties).not.toHaveProperty("saml");

    const client = clientFor(env.emulator);
    expect(await client.connections.list({ organizationId, includeAll: true })).toHaveLength(1);

    expect((await rt.diff("SSOConnection", failure.id, failure.properties, inputs)).replaces).toEqual([]);
    let completed!: { outs: any };
    expect(await apiCalls(async () => (completed = await rt.update("SSOConnection", failure.id, failure.properties, inputs)))).toEqual([
      "PATCH /api/v1/organizations/{org}/connections/{conn} 200",
      "PATCH /api/v1/organizations/{org}/connections/{conn}:enable 200",
    ]);
    expect(completed.outs).toMatchObject({ enabled: true, status: "COMPLETED", saml: inputs.saml });
    await client.close();
  });
});

describe("SSOConnection (OIDC) and its client secret", () => {
  test("the secret is sent, never stored: outputs keep a keyed digest, and a rotation is an update that sends the new secret", async () => {
    const rt = configureRuntime(env.emulator);
    const organizationId = await newOrganization("Oidc Co");
    const issuer = idp.serveOidcIssuer("/entra/tenant/v2.0");
    const news = { organizationId, provider: "MICROSOFT_AD", oidc: { issuer, clientId: "app-1", clientSecret: "first-client-secret", pkceEnabled: true } };
    const { inputs, failures } = await rt.check("SSOConnection", {}, news);
    expect(failures).toEqual([]);

    const created = await rt.create("SSOConnection", inputs);
    expect(JSON.stringify(created)).not.toContain("first-client-secret");
    expect(created.outs.oidc).toEqual({ issuer, clientId: "app-1", pkceEnabled: true, scopes: ["email", "openid", "profile"], clientSecretDigest: expect.stringMatching(/^hmac-sha256:/) });
    expect(created.outs.redirectUri).toBe(`${env.emulator.url}/sso/v1/oidc/${created.id.split("/")[1]}/callback`);
    expect(created.outs.testConnectionUri).toBe(`${env.emulator.url}/sso/v1/oidc/${created.id.split("/")[1]}/test`);

    const read = await rt.read("SSOConnection", created.id, created.outs);
    expect(read.props).toEqual(created.outs);
    expect(JSON.stringify(read)).not.toContain("first-client-secret");

    const rotated = { ...inputs, oidc: { ...inputs.oidc, clientSecret: "second-client-secret" } };
    expect(await rt.diff("SSOConnection", created.id, created.outs, rotated)).toMatchObject({ changes: true, replaces: [] });
    const updated = await rt.update("SSOConnection", created.id, created.outs, rotated);
    expect(updated.outs.oidc.clientSecretDigest).not.toBe(created.outs.oidc.clientSecretDigest);
    expect(JSON.stringify(updated)).not.toContain("second-client-secret");
    expect((await rt.diff("SSOConnection", created.id, updated.outs, rotated)).changes).toBe(false);
  });
});

describe("IdP validation before enabling (at check, no Scalekit API call)", () => {
  const ORG = "org_1";

  test("valid SAML metadata and a matching OIDC discovery document pass", async () => {
    const rt = configureRuntime(env.emulator);
    const { cert } = await selfSignedCertificate();
    const metadataUrl = idp.serve("/okta/metadata", samlIdpMetadata({ entityId: "http://www.okta.com/exk1", ssoUrl: "https://x.okta.com/sso", certificatePem: cert }));
    const issuer = idp.serveOidcIssuer("/good-issuer");
    const start = env.emulator.requestLog.length;
    expect((await rt.check("SSOConnection", {}, { organizationId: ORG, provider: "OKTA", saml: { metadataUrl, entityId: "http://www.okta.com/exk1" } })).failures).toEqual([]);
    expect((await rt.check("SSOConnection", {}, { organizationId: ORG, provider: "OKTA", oidc: { issuer, clientId: "c", clientSecret: "s" } })).failures).toEqual([]);
    expect(env.emulator.requestLog.length).toBe(start);
  });

  test.each`
    name                          | setup                                                                                                                  | property               | rule
    ${"unreachable metadata URL"} | ${async () => ({ saml: { metadataUrl: "http://127.0.0.1:9/metadata" } })}                                               | ${"saml.metadataUrl"}  | ${/could not be fetched.*validateIdp: false/}
    ${"metadata URL 404"}         | ${async () => ({ saml: { metadataUrl: `${idp.url}/missing` } })}                                                       | ${"saml.metadataUrl"}  | ${/answered HTTP 404/}
    ${"not SAML metadata"}        | ${async () => ({ saml: { metadataUrl: idp.serve("/html", "<html><body>login</body></html>") } })}                      | ${"saml.metadataUrl"}  | ${/not SAML identity provider metadata/}
    ${"expired metadata cert"}    | ${async () => ({ saml: { metadataUrl: idp.serve("/expired", samlIdpMetadata({ entityId: "e", ssoUrl: "https://x/sso", certificatePem: (await expiredCertificate()).cert })) } })} | ${"saml.metadataUrl"} | ${/every signing certificate.*expired/}
    ${"entity id mismatch"}       | ${async () => ({ saml: { metadataUrl: idp.serve("/other", samlIdpMetadata({ entityId: "http://other", ssoUrl: "https://x/sso", certificatePem: (await selfSignedCertificate()).cert })), entityId: "http://expected" } })} | ${"saml.entityId"} | ${/does not match the entityID http:\/\/other/}
    ${"expired inline cert"}      | ${async () => ({ saml: { entityId: "e", ssoUrl: "https://x.okta.com/sso", certificate: (await expiredCertificate()).cert } })} | ${"saml.certificate"} | ${/expired on 2021-01-01/}
    ${"no discovery document"}    | ${async () => ({ oidc: { issuer: `${idp.serveOidcIssuer("/real")}-typo`, clientId: "c", clientSecret: "s" } })}      | ${"oidc.issuer"}       | ${/discovery document .* could not|answered HTTP 404/}
    ${"discovery of another issuer"} | ${async () => ({ oidc: { discoveryEndpoint: `${idp.serveOidcIssuer("/a")}/.well-known/openid-configuration`, issuer: `${idp.url}/b`, clientId: "c", clientSecret: "s" } })} | ${"oidc.issuer"} | ${/does not match the issuer/}
  `("$name → $property", async ({ setup, property, rule }) => {
    const rt = configureRuntime(env.emulator);
    const start = env.emulator.requestLog.length;
    const { failures } = await rt.check("SSOConnection", {}, { organizationId: ORG, provider: "OKTA", ...(await setup()) });
    expect(failures).toContainEqual({ property, reason: expect.stringMatching(rule) });
    expect(env.emulator.requestLog.length).toBe(start);
  });

  test("opt-out, disabled connections and unchanged IdP settings skip the IdP entirely", async () => {
    const rt = configureRuntime(env.emulator);
    const unreachable = { organizationId: ORG, provider: "OKTA", saml: { metadataUrl: "http://127.0.0.1:9/metadata" } };
    expect((await rt.check("SSOConnection", {}, { ...unreachable, validateIdp: false })).failures).toEqual([]);
    expect((await rt.check("SSOConnection", {}, { ...unreachable, enabled: false })).failures).toEqual([]);
    const olds = { ...unreachable, enabled: true, validateIdp: true };
    expect((await rt.check("SSOConnection", olds, { ...unreachable, attributeMapping: { email: "mail" } })).failures).toEqual([]);
  });
});
