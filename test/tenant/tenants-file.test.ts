import { readFileSync } from "node:fs";
import * as path from "node:path";
import { loadTenants, parseTenantsFile, TenantsFileError, type SecretSources, type TenantsFileProblem } from "../../provider";

const SAMPLE = readFileSync(path.resolve(__dirname, "../../tenants.yaml"), "utf8");

const sources = (env: Record<string, string> = {}, config: Record<string, { value: string; secret: boolean }> = {}): SecretSources => ({
  config: (key) => ({ fullKey: key.includes(":") ? key : `scalekit-onboarding:${key}`, ...config[key] }) as ReturnType<SecretSources["config"]>,
  env: (name) => env[name],
});

const problemsOf = (text: string, secrets = sources()): TenantsFileProblem[] => {
  try {
    loadTenants(text, { secrets, fileName: "tenants.yaml" });
  } catch (error) {
    if (error instanceof TenantsFileError) return [...error.problems];
    throw error;
  }
  return [];
};

const brief = (problems: TenantsFileProblem[]) => problems.map(({ tenant, field, rule }) => `${tenant ?? "-"} | ${field} | ${rule}`);

describe("the sample tenants.yaml", () => {
  it("is valid and keeps the file order", () => {
    const { tenants, problems } = parseTenantsFile(SAMPLE);
    expect(problems).toEqual([]);
    expect(tenants.map(({ entry }) => entry.key)).toEqual(["acme", "globex", "initech"]);
  });

  it("applies the defaults users expect", () => {
    const [acme, globex, initech] = parseTenantsFile(SAMPLE).tenants.map(({ entry }) => entry);
    expect(acme).toMatchObject({ protect: true, externalId: "acme-123", domains: ["acmecorp.com", { domain: "acme.io", type: "ALLOWED_EMAIL_DOMAIN" }] });
    expect(acme.sso).toMatchObject({ provider: "OKTA", enabled: false, validateIdp: true });
    expect(globex.sso?.oidc).toMatchObject({ clientSecret: { env: "GLOBEX_ENTRA_CLIENT_SECRET" }, scopes: ["email", "openid", "profile"] });
    expect(initech).toMatchObject({ protect: true, domains: ["initech.com"] });
    expect(initech.externalId).toBeUndefined();
    expect(initech.sso).toBeUndefined();
  });

  it("resolves the client secret reference into a Pulumi secret", async () => {
    const definitions = loadTenants(SAMPLE, { secrets: sources({ GLOBEX_ENTRA_CLIENT_SECRET: "s3cret" }) });
    const oidc = definitions[1].args.sso?.oidc as unknown as { clientSecret: { isSecret: Promise<boolean> } };
    expect(await oidc.clientSecret.isSecret).toBe(true);
    expect(definitions.map(({ key, args }) => [key, args.protectOrganization])).toEqual([["acme", true], ["globex", true], ["initech", true]]);
  });

  it("reports a missing secret with the tenant, the field and how to fix it", () => {
    expect(brief(problemsOf(SAMPLE))).toEqual(["globex | sso.oidc.clientSecret | environment variable GLOBEX_ENTRA_CLIENT_SECRET is not set"]);
  });
});

describe("a bad tenants file", () => {
  const BAD = `
tenants:
  - key: acme
    name: Acme Corp
    domains: [acmecorp.com, gmail.com, "https://acme.io"]
    sso:
      provider: OKTAA
      saml: { metadataUrl: "http://acme.okta.com/metadata" }
  - key: acme
    name: Acme Again
    domains: [AcmeCorp.com, { domain: acme.dev, type: PRIMARY }]
  - name: No Key
    colour: blue
  - key: Globex Corp
    name: ""
    metadata: { a: "x" }
    sso:
      provider: entra-id
      saml: { metadataUrl: https://login.microsoftonline.com/t/federationmetadata/2007-06/federationmetadata.xml }
      oidc: { issuer: https://login.microsoftonline.com/t/v2.0, clientId: app, clientSecret: hunter2 }
  - key: hooli
    name: Hooli
    externalId: acme
    sso:
      provider: GITHUB
      oidc: { clientId: app, clientSecret: { env: HOOLI_SECRET } }
  - key: piedpiper
    name: Pied Piper
    sso:
      provider: GOOGLE
      oidc: { issuer: https://accounts.google.com, clientId: app, clientSecret: { config: piedPiperSecret } }
`;

  it("yields every problem at once, each with its tenant, field and rule", () => {
    expect(brief(problemsOf(BAD, sources({}, { piedPiperSecret: { value: "plain", secret: false } })))).toEqual([
      "acme | domains.1 | public or disposable email domains (gmail.com, outlook.com, …) cannot belong to an organization",
      "acme | domains.2 | must be a domain name such as acmecorp.com (no scheme, path, @ or wildcard)",
      expect.stringMatching(/^acme \| sso\.provider \| must be one of OKTA, MICROSOFT_AD, .* \(Entra ID \/ Azure AD is MICROSOFT_AD\)$/),
      "acme | sso.saml.metadataUrl | must be an absolute https:// URL (http is accepted only for localhost)",
      "acme | key | acme is already the key of tenant acme (#1); keys must be unique",
      "acme | domains.1.type | must be one of ORGANIZATION_DOMAIN, ALLOWED_EMAIL_DOMAIN",
      "acme | domains.0 | acmecorp.com is already a domain of tenant acme (#1); a domain belongs to one organization",
      "#3 | key | is required",
      "#3 | colour | is not a known field",
      expect.stringMatching(/^Globex Corp \| key \| must be 1–63 lower-case letters/),
      "Globex Corp | name | must not be empty",
      "Globex Corp | metadata.a | metadata keys must be 3–25 characters",
      "Globex Corp | sso | needs exactly one of saml or oidc",
      expect.stringMatching(/^Globex Corp \| sso\.oidc\.clientSecret \| secrets must not be written inline/),
      "hooli | externalId | external id acme is already used by tenant acme (#1) as its key (an external id defaults to the key)",
      expect.stringMatching(/^hooli \| sso\.provider \| GITHUB is a social login provider/),
      "hooli | sso.oidc | needs issuer or discoveryEndpoint, or authorizeUri, tokenUri and jwksUri",
      "piedpiper | sso.oidc.clientSecret | stack config scalekit-onboarding:piedPiperSecret is stored in plain text; set it again with `pulumi config set --secret piedPiperSecret <value>`",
    ]);
  });

  it("points at the line of each problem", () => {
    const problems = problemsOf(BAD);
    const lineOf = (tenant: string, field: string) => problems.find((problem) => problem.tenant === tenant && problem.field === field)?.line;
    expect(lineOf("acme", "domains.1")).toBe(5);
    expect(lineOf("#3", "key")).toBe(12);
    expect(lineOf("#3", "colour")).toBe(13);
    expect(lineOf("Globex Corp", "sso.oidc.clientSecret")).toBe(20);
  });

  it("says in one error message what is wrong and that nothing was changed", () => {
    expect(() => loadTenants(BAD, { secrets: sources(), fileName: "tenants.yaml" })).toThrow(
      /^tenants\.yaml has 18 problems; nothing was changed:\n {2}- tenants\.yaml:5: tenant acme, domains\.1: public or disposable/,
    );
  });

  it.each([
    ["YAML syntax", "tenants:\n  - key: a\n    key: b\n", /^YAML: Map keys must be unique/],
    ["no tenants list", "customers: []\n", /^is required: list the customers under `tenants:`$/],
    ["a list at the top", "- key: acme\n", /must be a mapping with a top-level `tenants:` list/],
    ["tenants not a list", "tenants: acme\n", /must be a list of tenants/],
  ])("reports %s", (_case, text, rule) => {
    const problems = problemsOf(text);
    expect(problems.length).toBeGreaterThan(0);
    expect(problems[0].rule).toMatch(rule);
  });

  it("reads provider names the way people write them", () => {
    const text = (provider: string) => `tenants:\n  - { key: a, name: A, sso: { provider: ${provider}, saml: { metadataUrl: "https://idp.example.com/m" } } }\n`;
    expect(parseTenantsFile(text("entra-id")).tenants[0].entry.sso?.provider).toBe("MICROSOFT_AD");
    expect(parseTenantsFile(text("okta")).tenants[0].entry.sso?.provider).toBe("OKTA");
    expect(parseTenantsFile(text("Google Workspace")).tenants[0].entry.sso?.provider).toBe("GOOGLE");
  });
});
