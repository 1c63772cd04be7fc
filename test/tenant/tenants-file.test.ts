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
    ["YAML syntax", "tenants:\n  - key: acme\n   name: [unclosed\n", /^YAML: /],
    ["no tenants list", "customers: []\n", /^is required: list the customers under `tenants:`$/],
    ["a list at the top", "- key: acme\n", /must be a mapping with a top-level `tenants:` list/],
    ["tenants not a list", "tenants: acme\n", /must be a list of tenants/],
  ])("reports %s", (_case, text, rule) => {
    const problems = problemsOf(text);
    expect(problems.length).toBeGreaterThan(0);
    expect(problems[0].rule).toMatch(rule);
  });

  it("adoption: adopt, organizationId, sso.connectionId and moving; ids unique; no portal link to adopt", () => {
    const text = `tenants:
  - { key: hooli, name: Hooli, organizationId: org_42, adopt: true, sso: { provider: OKTA, connectionId: conn_7, saml: { metadataUrl: "https://idp.example.com/m" } } }
  - { key: hooli-eu, name: Hooli EU, organizationId: org_42, adopt: true, sso: { provider: OKTA, connectionId: conn_7, saml: { metadataUrl: "https://idp.example.com/m" } } }
  - { key: initech, name: Initech, adopt: true, adminPortal: true }
  - { key: globex, name: Globex, moving: true, organizationId: 42 }
  - { key: org-42, name: Org 42, externalId: hooli }
`;
    expect(brief(problemsOf(text))).toEqual([
      "hooli-eu | organizationId | organization org_42 is already the organization of tenant hooli (#1)",
      "hooli-eu | sso.connectionId | connection conn_7 is already the connection of tenant hooli (#1)",
      "initech | adminPortal | cannot be combined with adopt: Scalekit never returns an existing portal link, so adopting would mint a new one; mint one when the IT admin needs it with `npx pulumi-scalekit portal-link <tenant>`, or add adminPortal once the tenant is adopted (after its first `up`, without adopt)",
      "globex | organizationId | Invalid input: expected string, received number",
    ]);
    // A tenant adopted by id has no external id by default: its key is free for another tenant's.
    const [hooli] = loadTenants(text.split("\n").slice(0, 2).join("\n") + "\n  - { key: other, name: Other, externalId: hooli }\n", { secrets: sources() });
    expect(hooli.args).toMatchObject({ organizationId: "org_42", adopt: true, sso: { connectionId: "conn_7" } });
    expect(hooli.args.externalId).toBeUndefined();
  });

  it("reads provider names the way people write them", () => {
    const text = (provider: string) => `tenants:\n  - { key: a, name: A, sso: { provider: ${provider}, saml: { metadataUrl: "https://idp.example.com/m" } } }\n`;
    expect(parseTenantsFile(text("entra-id")).tenants[0].entry.sso?.provider).toBe("MICROSOFT_AD");
    expect(parseTenantsFile(text("okta")).tenants[0].entry.sso?.provider).toBe("OKTA");
    expect(parseTenantsFile(text("Google Workspace")).tenants[0].entry.sso?.provider).toBe("GOOGLE");
  });
});

describe("YAML the parser accepts only in part", () => {
  const located = (problems: TenantsFileProblem[]) => problems.map(({ line, tenant, field, rule }) => `${line} | ${tenant ?? "-"} | ${field} | ${rule}`);
  const REFUSED = (key: string) => `"${key}" is refused as a key: it names a JavaScript object's internals, so its value would be lost or misread`;

  it("reports a syntax error with its line, and nothing else", () => {
    expect(located(problemsOf("tenants:\n  - key: acme\n    name: Acme\n   domains: [acme.com\n"))).toEqual([
      expect.stringMatching(/^4 \| - \|  \| YAML: /),
      expect.stringMatching(/^5 \| - \|  \| YAML: /),
    ]);
  });

  it("reports a key given twice in one mapping, at the second one, with the other problems of the file", () => {
    expect(located(problemsOf("tenants:\n  - key: acme\n    name: Acme\n    domains: [acme.com]\n    name: Acme Corp\n    slug: Bad_Slug\n"))).toEqual([
      "5 | acme | name | appears twice in the same mapping; YAML keys must be unique",
      expect.stringMatching(/^6 \| acme \| slug \| must be lower-case letters/),
    ]);
  });

  it("refuses unknown tags instead of reading them as text", () => {
    const text = 'tenants:\n  - key: acme\n    name: !!js/function "function () { return 1 }"\n    slug: !Ref AcmeSlug\n    externalId: !!str 00123\n';
    expect(located(problemsOf(text))).toEqual([
      "3 | acme | name | has the tag !!js/function, which is not a YAML type; tenants.yaml takes plain values only",
      "4 | acme | slug | has the tag !Ref, which is not a YAML type; tenants.yaml takes plain values only",
    ]);
  });

  it("stops an alias bomb at the limit, as a problem of the file at the first alias", () => {
    const bomb = ["a: &a [x, x, x, x, x, x, x, x, x, x]", ...["b", "c", "d", "e", "f"].map((name, level) => `${name}: &${name} [${Array(10).fill(`*${"abcde"[level]}`).join(", ")}]`)];
    const text = `tenants:\n  - key: acme\n    name: Acme\n    metadata:\n${bomb.map((line) => `      ${line}\n`).join("")}`;
    expect(located(problemsOf(text))).toEqual([
      "6 | acme | metadata.b.0 | aliases (*name) expand to more than 100 copies, which is how a YAML alias bomb exhausts memory; write the repeated values out",
    ]);
  });

  it("still reads aliases within the limit: one IdP's settings shared by two tenants", () => {
    const text = "tenants:\n  - key: acme\n    name: Acme\n    sso: &okta { provider: OKTA, saml: { metadataUrl: https://acme.okta.com/app/exk1/sso/saml/metadata } }\n" +
      "  - key: globex\n    name: Globex\n    sso: *okta\n";
    const { tenants, problems } = parseTenantsFile(text);
    expect(problems).toEqual([]);
    expect(tenants[1].entry.sso).toEqual(tenants[0].entry.sso);
    expect(tenants[1].entry.sso).toMatchObject({ provider: "OKTA", saml: { metadataUrl: "https://acme.okta.com/app/exk1/sso/saml/metadata" } });
  });

  it.each([
    ["metadata", "    metadata: { plan: gold, __proto__: { isAdmin: yes } }\n", 4, "metadata.__proto__"],
    ["features", "    features: { sso: true, constructor: true }\n", 4, "features.constructor"],
    ["an attribute mapping", "    sso:\n      provider: OKTA\n      saml: { metadataUrl: https://acme.okta.com/m }\n      attributeMapping: { email: user.email, prototype: user.x }\n", 7, "sso.attributeMapping.prototype"],
    ["portal link triggers", "    adminPortal: { triggers: { __proto__: 1 } }\n", 4, "adminPortal.triggers.__proto__"],
    ["the tenant entry", "    constructor: Acme\n", 4, "constructor"],
  ])("refuses a reserved key in %s, never dropping it", (_where, body, line, field) => {
    const key = field.split(".").pop()!;
    expect(located(problemsOf(`tenants:\n  - key: acme\n    name: Acme\n${body}`))).toEqual([`${line} | acme | ${field} | ${REFUSED(key)}`]);
  });

  it("refuses a reserved key at the top of the file, once", () => {
    expect(located(problemsOf("__proto__: { tenants: [] }\ntenants: []\n"))).toEqual([`1 | - | __proto__ | ${REFUSED("__proto__")}`]);
  });
});
