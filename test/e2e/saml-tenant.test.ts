import { deflateRawSync, inflateRawSync } from "node:zlib";
import { startSamlIdp, type LocalSamlIdp } from "../../examples/idp/saml/saml-idp";
import { AuthorizationRefusedError } from "../../scripts/demo-sso/headless-oauth-provider";
import type { HtmlForm } from "../../scripts/demo-sso/browser/html-form";
import type { Tenant } from "../../scripts/demo-sso/tenant";
import { selfSignedCertificate } from "../helpers/certificates";
import { callTool, hopSummary, signInAs } from "./support/sign-in";
import { REDIRECT_URL } from "./support/sign-in";
import { ISSUER_FORMS, useSsoWorld } from "./support/sso-world";

/*
 * SAML tenants provisioned through the real dynamic-provider host, with samlify as the customer's IdP:
 * one configured with entity id, SSO URL and certificate, one with only the IdP's metadata URL. Once
 * with each form of the tokens' issuer.
 */
const inflate = (base64: string) => inflateRawSync(Buffer.from(base64, "base64")).toString("utf8");
const deflate = (xml: string) => deflateRawSync(Buffer.from(xml)).toString("base64");
const refusalOf = (promise: Promise<unknown>) => promise.then(() => undefined, (err: unknown) => err);

/** An attacker between the IdP and the browser: a different user in the signed assertion. */
function impersonate(victim: string, attacker: string) {
  return (form: HtmlForm) => {
    const field = form.fields.find((candidate) => candidate.name === "SAMLResponse");
    if (!field) return;
    const xml = Buffer.from(field.value, "base64").toString("utf8");
    field.value = Buffer.from(xml.split(victim).join(attacker)).toString("base64");
  };
}

describe.each(ISSUER_FORMS)("SAML tenants, tokens issued by the %s", (issuerForm) => {
  const world = useSsoWorld(issuerForm);
  let idp: LocalSamlIdp;
  let manual: Tenant;
  let byMetadata: Tenant;

  beforeAll(async () => {
    idp = await startSamlIdp({ certificate: await selfSignedCertificate({ commonName: "Local SAML IdP" }) });
    manual = await world.deployer.deploy({
      name: "globex",
      displayName: "Globex",
      domain: "globex-saml.test",
      connection: { provider: "OKTA", saml: { entityId: idp.entityId, ssoUrl: idp.ssoUrl, certificate: idp.certificate } },
    });
    byMetadata = await world.deployer.deploy({
      name: "initech",
      displayName: "Initech",
      domain: "initech-saml.test",
      connection: { provider: "CUSTOM", saml: { metadataUrl: idp.metadataUrl } },
    });
    for (const tenant of [manual, byMetadata]) idp.trustServiceProvider({ entityId: tenant.connection.props.spEntityId, acsUrl: tenant.connection.props.acsUrl });
  });
  afterAll(() => idp?.close());

  const connectionIdOf = (tenant: Tenant) => tenant.connection.id.split("/")[1];

  describe("SAML tenant", () => {
    it("was configured through the provider with the IdP's entity id, SSO URL and certificate", () => {
      expect(manual.connection.props).toMatchObject({
        protocol: "SAML",
        enabled: true,
        status: "COMPLETED",
        acsUrl: expect.stringMatching(/\/sso\/v1\/saml\/conn_\d+\/callback$/),
        spEntityId: expect.stringMatching(/\/sso\/v1\/saml\/conn_\d+$/),
      });
    });

    it("signs someone@globex-saml.test in (login_hint skips the email page); the MCP server sees the user's organization", async () => {
      const attempt = signInAs("someone@globex-saml.test", world.notes.mcpUrl, { loginHint: true });
      const client = await attempt.connect();
      try {
        expect(await callTool(client, "whoami")).toMatchObject({
          subject: expect.stringMatching(/^usr_/),
          organizationId: manual.organization.id,
          organizationName: "Globex",
          email: "someone@globex-saml.test",
        });
      } finally {
        await client.close();
      }
      const names = { [world.emulator.url]: "scalekit", [new URL(idp.ssoUrl).origin]: "idp" };
      const acs = new URL(manual.connection.props.acsUrl).pathname;
      expect(hopSummary(attempt.hops, names)).toEqual(["GET scalekit/oauth/authorize 302", "GET idp/sso 200", "POST idp/sso/login 200", `POST scalekit${acs} 302`]);
    });

    it("signs a user in through a connection that only knows the IdP's metadata URL", async () => {
      const client = await signInAs("someone@initech-saml.test", world.notes.mcpUrl).connect();
      expect(await callTool(client, "whoami")).toMatchObject({ organizationId: byMetadata.organization.id, email: "someone@initech-saml.test" });
      await client.close();
    });

    it("refuses a response whose signed assertion was changed on the way", async () => {
      const attempt = signInAs("someone@globex-saml.test", world.notes.mcpUrl, { loginHint: true, beforeSubmit: impersonate("someone@globex-saml.test", "admin@globex-saml.test") });
      const refusal = await refusalOf(attempt.connect());
      expect(refusal).toBeInstanceOf(AuthorizationRefusedError);
      expect(refusal).toMatchObject({ error: "access_denied", description: expect.stringMatching(/signature does not verify with the connection's IdP certificate/) });
    });

    it("refuses a correctly signed response that the IdP issued for another connection", async () => {
      // Both connections trust the same IdP. The browser turns Globex's AuthnRequest into Initech's, so the
      // IdP signs an assertion for Initech's SP; the browser then posts it to Globex's ACS.
      const globex = connectionIdOf(manual);
      const initech = connectionIdOf(byMetadata);
      const attempt = signInAs("someone@globex-saml.test", world.notes.mcpUrl, {
        loginHint: true,
        beforeSubmit: (form) => {
          const request = form.fields.find((field) => field.name === "SAMLRequest");
          if (request) request.value = deflate(inflate(request.value).split(globex).join(initech));
          if (form.fields.some((field) => field.name === "SAMLResponse")) form.action = new URL(manual.connection.props.acsUrl);
        },
      });
      const refusal = await refusalOf(attempt.connect());
      expect(refusal).toMatchObject({ error: "access_denied", description: expect.stringMatching(new RegExp(`audience is .*${initech}, not .*${globex}`)) });
    });

    it("turns one SAML response into one sign-in, even when it is posted four times at once", async () => {
      let captured: { action: URL; body: string } | undefined;
      const attempt = signInAs("someone@globex-saml.test", world.notes.mcpUrl, {
        loginHint: true,
        beforeSubmit: (form) => {
          if (!form.fields.some((field) => field.name === "SAMLResponse")) return;
          captured = { action: form.action, body: new URLSearchParams(form.fields.map((field) => [field.name, field.value])).toString() };
          // The browser stops here; the posts below replay its form.
          form.action = new URL(REDIRECT_URL);
        },
      });
      await refusalOf(attempt.connect());
      const post = () => fetch(captured!.action, { method: "POST", redirect: "manual", headers: { "content-type": "application/x-www-form-urlencoded" }, body: captured!.body });
      const answers = await Promise.all([post(), post(), post(), post()]);
      const codes = answers.map((answer) => answer.headers.get("location")).filter((location) => location !== null && new URL(location).searchParams.has("code"));
      expect(codes).toHaveLength(1);
      expect(answers.map((answer) => answer.status).sort()).toEqual([302, 400, 400, 400]);
    });

    it("disabling the connection through the provider makes the next sign-in fail", async () => {
      const disabled = await world.deployer.update(manual.connection, { enabled: false });
      try {
        const refusal = await refusalOf(signInAs("someone@globex-saml.test", world.notes.mcpUrl, { loginHint: true }).connect());
        expect(refusal).toMatchObject({ error: "access_denied", description: expect.stringMatching(/is disabled/) });
      } finally {
        manual.connection = await world.deployer.update(disabled, { enabled: true });
      }
    });
  });

  describe("an IdP that still signs with SHA-1", () => {
    let outdated: LocalSamlIdp;
    beforeAll(async () => {
      outdated = await startSamlIdp({ certificate: await selfSignedCertificate({ commonName: "Outdated SAML IdP" }), signatureAlgorithm: "rsa-sha1" });
      const tenant = await world.deployer.deploy({
        name: "umbrella",
        displayName: "Umbrella",
        domain: "umbrella-saml.test",
        connection: { provider: "CUSTOM", saml: { entityId: outdated.entityId, ssoUrl: outdated.ssoUrl, certificate: outdated.certificate } },
      });
      outdated.trustServiceProvider({ entityId: tenant.connection.props.spEntityId, acsUrl: tenant.connection.props.acsUrl });
    });
    afterAll(() => outdated?.close());

    it("has its correctly signed response refused", async () => {
      const refusal = await refusalOf(signInAs("someone@umbrella-saml.test", world.notes.mcpUrl, { loginHint: true }).connect());
      expect(refusal).toBeInstanceOf(AuthorizationRefusedError);
      expect(refusal).toMatchObject({ error: "access_denied", description: expect.stringMatching(/the SAML response was refused: it is signed with SHA-1 \(SignatureMethod http:\/\/www\.w3\.org\/2000\/09\/xmldsig#rsa-sha1\)/) });
    });
  });
});
