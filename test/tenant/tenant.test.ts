import * as pulumi from "@pulumi/pulumi";
import { idp, Tenant, type TenantSso } from "../../provider";
import { isSecretEnvelope } from "../../tools/engine-standin";
import { runUnderMocks, type MockProgram } from "../helpers/mock-program";

const inputsOf = (program: MockProgram<unknown>, name: string) => {
  const { __provider, ...inputs } = program.resources.find((resource) => resource.custom && resource.name === name)!.inputs;
  return inputs;
};

describe("IdP presets", () => {
  const secret = "client-secret";
  it.each<[string, TenantSso, Partial<TenantSso>]>([
    ["Okta SAML", idp.okta.saml({ metadataUrl: "https://acme.okta.com/app/x/sso/saml/metadata" }), { provider: "OKTA", saml: { metadataUrl: "https://acme.okta.com/app/x/sso/saml/metadata" } }],
    ["Okta OIDC", idp.okta.oidc({ issuer: "https://acme.okta.com", clientId: "0oa1", clientSecret: secret }), { provider: "OKTA", oidc: { issuer: "https://acme.okta.com", clientId: "0oa1", clientSecret: secret } }],
    [
      "Entra ID SAML",
      idp.entraId.saml({ tenantId: "contoso.onmicrosoft.com", applicationId: "app-1" }),
      { provider: "MICROSOFT_AD", saml: { metadataUrl: "https://login.microsoftonline.com/contoso.onmicrosoft.com/federationmetadata/2007-06/federationmetadata.xml?appid=app-1" } },
    ],
    [
      "Entra ID OIDC",
      idp.entraId.oidc({ tenantId: "3f2b9c4e-8a1d-4b6e-9f07-5c2d1e8a7b90", clientId: "app", clientSecret: secret }),
      { provider: "MICROSOFT_AD", oidc: { issuer: "https://login.microsoftonline.com/3f2b9c4e-8a1d-4b6e-9f07-5c2d1e8a7b90/v2.0", clientId: "app", clientSecret: secret } },
    ],
    ["ADFS SAML", idp.adfs.saml({ host: "adfs.acmecorp.com" }), { provider: "ADFS", saml: { metadataUrl: "https://adfs.acmecorp.com/FederationMetadata/2007-06/FederationMetadata.xml" } }],
    [
      "Google Workspace SAML",
      idp.googleWorkspace.saml({ idpId: "C01abc", certificate: "PEM" }),
      { provider: "GOOGLE", saml: { entityId: "https://accounts.google.com/o/saml2?idpid=C01abc", ssoUrl: "https://accounts.google.com/o/saml2/idp?idpid=C01abc", certificate: "PEM" } },
    ],
    ["generic SAML", idp.saml({ metadataUrl: "https://idp.example.com/metadata" }), { provider: "CUSTOM", saml: { metadataUrl: "https://idp.example.com/metadata" } }],
    [
      "generic OIDC with a named provider and options",
      idp.oidc({ issuer: "https://example.onelogin.com/oidc/2", clientId: "c", clientSecret: secret }, { provider: "ONELOGIN", enabled: false }),
      { provider: "ONELOGIN", enabled: false, oidc: { issuer: "https://example.onelogin.com/oidc/2", clientId: "c", clientSecret: secret } },
    ],
  ])("%s", (_name, preset, expected) => {
    expect(preset).toEqual(expected);
  });

  it("builds URLs from outputs as outputs", async () => {
    const preset = idp.entraId.oidc({ tenantId: pulumi.output("t-1"), clientId: "c", clientSecret: secret });
    const issuer = (preset.oidc as unknown as { issuer: pulumi.Output<string> }).issuer;
    expect(pulumi.Output.isInstance(issuer)).toBe(true);
    expect(await new Promise((resolve) => issuer.apply(resolve))).toBe("https://login.microsoftonline.com/t-1/v2.0");
  });
});

describe("Tenant", () => {
  it("wires organization, domains, connection and portal link from its key", async () => {
    const program = await runUnderMocks(() => {
      const tenant = new Tenant("contoso", {
        name: "Contoso",
        domains: ["Contoso.COM.", { domain: "contoso.dev", type: "ALLOWED_EMAIL_DOMAIN" }],
        sso: idp.entraId.oidc({ tenantId: "contoso.onmicrosoft.com", clientId: "app", clientSecret: pulumi.secret("s3cret") }, { attributeMapping: { email: "upn" } }),
        adminPortal: true,
        protectOrganization: false,
      });
      return { organizationId: tenant.organizationId };
    });
    expect(program.resources.map((resource) => `${resource.type.split(":").pop()} ${resource.name}`)).toEqual([
      "Tenant contoso",
      "Organization contoso",
      "Domain contoso/contoso.com",
      "Domain contoso/contoso.dev",
      "SSOConnection contoso/sso",
      "AdminPortalLink contoso/admin-portal",
    ]);
    expect(program.resources.find((resource) => resource.name === "contoso" && resource.custom)!.protect).toBe(false);
    expect(inputsOf(program, "contoso/sso")).toMatchObject({ provider: "MICROSOFT_AD", keyId: "contoso-microsoft-ad-oidc", attributeMapping: { email: "upn" } });
    expect(isSecretEnvelope(inputsOf(program, "contoso/sso").oidc)).toBe(true);
    expect(inputsOf(program, "contoso/admin-portal")).toEqual({ organizationId: "contoso.id" });
    expect(inputsOf(program, "contoso").externalId).toBe("contoso");
  });

  it("enables on the organization the features its portal link asks for, keeping the others", async () => {
    const program = await runUnderMocks(() => {
      void new Tenant("initech", { name: "Initech", adminPortal: true });
      void new Tenant("globex", { name: "Globex", features: { session_policy: true, sso: true }, adminPortal: { features: ["sso", "dir_sync"] } });
      void new Tenant("hooli", { name: "Hooli", features: { dir_sync: false } });
    });
    expect(inputsOf(program, "initech").features).toEqual({ sso: true });
    expect(inputsOf(program, "globex").features).toEqual({ session_policy: true, sso: true, dir_sync: true });
    expect(inputsOf(program, "hooli").features).toEqual({ dir_sync: false });
  });

  it("refuses a portal link for a feature the tenant turns off, before registering anything", async () => {
    const attempt = runUnderMocks(() => void new Tenant("umbrella", { name: "Umbrella", features: { sso: false }, adminPortal: true }));
    await expect(attempt).rejects.toMatchObject({
      cause: expect.objectContaining({ message: "tenant umbrella: its admin portal link needs the sso feature, which features.sso turns off" }),
      resources: [],
    });
  });

  it("protects the organization by default and nothing else", async () => {
    const program = await runUnderMocks(() => void new Tenant("acme", { name: "Acme", domains: ["acmecorp.com"] }));
    expect(program.resources.filter((resource) => resource.protect).map((resource) => `${resource.type.split(":").pop()} ${resource.name}`)).toEqual(["Organization acme"]);
  });

  it("adoption: adopt reaches the organization, domains and connection; ids replace the keys they stand for", async () => {
    const sso: TenantSso = { provider: "OKTA", saml: { metadataUrl: "https://hooli.okta.com/metadata" } };
    const program = await runUnderMocks(() => {
      void new Tenant("acme", { name: "Acme", domains: ["acmecorp.com"], sso, adopt: true });
      void new Tenant("hooli", { name: "Hooli", organizationId: "org_42", sso: { ...sso, connectionId: "conn_7" }, adopt: true });
    });
    expect(inputsOf(program, "acme")).toMatchObject({ externalId: "acme", adopt: true });
    expect(inputsOf(program, "acme/acmecorp.com")).toMatchObject({ adopt: true });
    expect(inputsOf(program, "acme/sso")).toMatchObject({ keyId: "acme-okta-saml", adopt: true });
    // Adopted by id: no external id and no key id are asked for, so none is written.
    expect(inputsOf(program, "hooli")).toMatchObject({ organizationId: "org_42", adopt: true });
    expect(inputsOf(program, "hooli")).not.toHaveProperty("externalId");
    expect(inputsOf(program, "hooli/sso")).toMatchObject({ connectionId: "conn_7", adopt: true });
    expect(inputsOf(program, "hooli/sso")).not.toHaveProperty("keyId");
  });

  it("refuses adopt with a portal link, which would be a new one, before registering anything", async () => {
    const attempt = runUnderMocks(() => void new Tenant("initech", { name: "Initech", adminPortal: true, adopt: true }));
    await expect(attempt).rejects.toMatchObject({ cause: expect.objectContaining({ message: expect.stringMatching(/^tenant initech: adminPortal cannot be combined with adopt: Scalekit never returns an existing portal link/) }), resources: [] });
  });

  it("a tenant moving to another stack: nothing of it is protected, and everything is retained on delete", async () => {
    const program = await runUnderMocks(() => void new Tenant("acme", { name: "Acme", domains: ["acmecorp.com"], sso: { provider: "OKTA", saml: { metadataUrl: "https://acme.okta.com/m" } }, adminPortal: true, moving: true }));
    const custom = program.resources.filter((resource) => resource.custom);
    expect(custom.map((resource) => [resource.name, resource.protect, resource.retainOnDelete])).toEqual([
      ["acme", false, true], ["acme/acmecorp.com", false, true], ["acme/sso", false, true], ["acme/admin-portal", false, true],
    ]);
  });

  it.each([
    ["a key that is not slug-like", "Acme Corp", { name: "Acme" }, /tenant key "Acme Corp" must be 1–63 lower-case letters/],
    ["a bad domain", "acme", { name: "Acme", domains: ["gmail.com"] }, /tenant acme: domain "gmail.com" public or disposable email domains/],
    ["a domain listed twice", "acme", { name: "Acme", domains: ["acme.io", "ACME.io"] }, /tenant acme: domain acme.io is listed twice/],
  ])("refuses %s", async (_case, key, args, message) => {
    await expect(runUnderMocks(() => void new Tenant(key, args))).rejects.toMatchObject({ cause: expect.objectContaining({ message: expect.stringMatching(message) }) });
  });
});
