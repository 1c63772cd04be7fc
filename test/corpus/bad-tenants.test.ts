import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { MockProgramError, runUnderMocks } from "../helpers/mock-program";
import { TenantsFileError, type TenantsFileProblem } from "../../provider/tenant";
import { onboardingStack } from "../../stack/onboarding";
import type { SecretSources } from "../../provider/tenant/file/secret-sources";

/*
 * Bad tenants files: each is refused as a whole, before any resource is registered (so before any API
 * call), with the tenant, the field and the rule it breaks.
 */
const GOOD_SAML = "saml: { metadataUrl: https://acme.okta.com/app/exk1/sso/saml/metadata }";
const tenant = (key: string, body = "") => `  - key: ${key}\n    name: ${key} Inc\n${body}`;
const sso = (lines: string) => `    sso:\n${lines.split("\n").map((line) => `      ${line}`).join("\n")}\n`;
const file = (...tenants: string[]) => `tenants:\n${tenants.join("")}`;
/** Six levels of ten aliases each: a million values from a few lines, unless the parser stops it. */
const ALIAS_BOMB = ["a: &a [x, x, x, x, x, x, x, x, x, x]", ...["b", "c", "d", "e", "f"].map((name, level) => `${name}: &${name} [${Array(10).fill(`*${"abcde"[level]}`).join(", ")}]`)]
  .map((line) => `      ${line}\n`)
  .join("");

interface BadFile {
  name: string;
  text: string | (() => Promise<string>);
  tenant?: string;
  field: string | RegExp;
  rule: RegExp;
}

const CASES: BadFile[] = [
  { name: "tenants is not a list", text: "tenants: { acme: {} }\n", field: "tenants", rule: /must be a list/ },
  { name: "not YAML", text: "tenants:\n  - key: acme\n   name: [unclosed\n", field: "", rule: /YAML|yaml|indent|flow|collection/i },
  { name: "no tenants key at all", text: "customers: []\n", field: /tenants|customers/, rule: /./ },
  { name: "missing key", text: file("  - name: Keyless\n"), field: "key", rule: /./ },
  { name: "key with upper case and spaces", text: file(tenant("Acme Corp")), field: "key", rule: /lower-case|letters|slug/i },
  { name: "duplicate keys", text: file(tenant("acme"), tenant("acme")), tenant: "acme", field: "key", rule: /duplicate|more than once|already/i },
  { name: "missing name", text: file("  - key: nameless\n"), tenant: "nameless", field: "name", rule: /./ },
  { name: "name too long", text: file(`  - key: long\n    name: ${"x".repeat(201)}\n`), tenant: "long", field: "name", rule: /200/ },
  { name: "public email domain", text: file(tenant("acme", "    domains: [gmail.com]\n")), tenant: "acme", field: "domains.0", rule: /public or disposable/ },
  { name: "disposable email domain", text: file(tenant("acme", "    domains: [mailinator.com]\n")), tenant: "acme", field: "domains.0", rule: /public or disposable/ },
  { name: "domain with a scheme", text: file(tenant("acme", "    domains: [\"https://acme.com\"]\n")), tenant: "acme", field: "domains.0", rule: /domain name such as/ },
  { name: "an email address as domain", text: file(tenant("acme", "    domains: [\"it@acme.com\"]\n")), tenant: "acme", field: "domains.0", rule: /domain name such as/ },
  { name: "wildcard domain", text: file(tenant("acme", "    domains: [\"*.acme.com\"]\n")), tenant: "acme", field: "domains.0", rule: /domain name such as/ },
  { name: "domain type unknown", text: file(tenant("acme", "    domains: [{ domain: acme.com, type: SSO_DOMAIN }]\n")), tenant: "acme", field: /domains\.0\.type/, rule: /ORGANIZATION_DOMAIN/ },
  { name: "the same domain in two tenants", text: file(tenant("acme", "    domains: [acme.com]\n"), tenant("other", "    domains: [ACME.com]\n")), field: /domains/, rule: /acme\.com.*(both|also|already|more than one)/i },
  { name: "unknown provider", text: file(tenant("acme", sso(`provider: AZURE\n${GOOD_SAML}`))), tenant: "acme", field: "sso.provider", rule: /MICROSOFT_AD|one of/ },
  { name: "social provider", text: file(tenant("acme", sso(`provider: GITHUB\n${GOOD_SAML}`))), tenant: "acme", field: "sso.provider", rule: /social|one of/ },
  { name: "saml and oidc together", text: file(tenant("acme", sso(`provider: OKTA\n${GOOD_SAML}\noidc: { issuer: https://acme.okta.com, clientId: c, clientSecret: { env: X } }`))), tenant: "acme", field: /sso/, rule: /exactly one of saml or oidc/ },
  { name: "neither saml nor oidc", text: file(tenant("acme", sso("provider: OKTA"))), tenant: "acme", field: /sso/, rule: /exactly one of saml or oidc/ },
  { name: "http metadata URL", text: file(tenant("acme", sso("provider: OKTA\nsaml: { metadataUrl: http://acme.okta.com/metadata }"))), tenant: "acme", field: "sso.saml.metadataUrl", rule: /https/ },
  { name: "SAML without metadata or settings", text: file(tenant("acme", sso("provider: OKTA\nsaml: { entityId: http://www.okta.com/x }"))), tenant: "acme", field: "sso.saml", rule: /missing ssoUrl, certificate/ },
  { name: "malformed certificate", text: file(tenant("acme", sso("provider: ADFS\nsaml: { entityId: e, ssoUrl: https://adfs.acme.com/adfs/ls, certificate: not-a-certificate! }"))), tenant: "acme", field: "sso.saml.certificate", rule: /PEM X\.509/ },
  { name: "unknown SAML binding", text: file(tenant("acme", sso("provider: OKTA\nsaml: { metadataUrl: https://a.okta.com/m, ssoRequestBinding: SOAP }"))), tenant: "acme", field: "sso.saml.ssoRequestBinding", rule: /HTTP_POST/ },
  { name: "client secret written inline", text: file(tenant("acme", sso("provider: OKTA\noidc: { issuer: https://acme.okta.com, clientId: c, clientSecret: hunter2-plain-text }"))), tenant: "acme", field: "sso.oidc.clientSecret", rule: /inline|reference|secret/i },
  { name: "client secret from an unset variable", text: file(tenant("acme", sso("provider: OKTA\noidc: { issuer: https://acme.okta.com, clientId: c, clientSecret: { env: CORPUS_UNSET_VARIABLE } }"))), tenant: "acme", field: "sso.oidc.clientSecret", rule: /CORPUS_UNSET_VARIABLE/ },
  { name: "OIDC without issuer or endpoints", text: file(tenant("acme", sso("provider: OKTA\noidc: { clientId: c, clientSecret: { env: HOME } }"))), tenant: "acme", field: "sso.oidc", rule: /issuer or discoveryEndpoint/ },
  { name: "OIDC scopes without openid", text: file(tenant("acme", sso("provider: OKTA\noidc: { issuer: https://acme.okta.com, clientId: c, clientSecret: { env: HOME }, scopes: [email] }"))), tenant: "acme", field: "sso.oidc.scopes", rule: /openid/ },
  { name: "sso.enabled is not a boolean", text: file(tenant("acme", sso(`provider: OKTA\n${GOOD_SAML}\nenabled: "yes please"`))), tenant: "acme", field: "sso.enabled", rule: /boolean/ },
  { name: "too many attribute mappings", text: file(tenant("acme", sso(`provider: OKTA\n${GOOD_SAML}\nattributeMapping: { ${Array.from({ length: 31 }, (_, i) => `a${i}: v`).join(", ")} }`))), tenant: "acme", field: "sso.attributeMapping", rule: /at most 30/ },
  { name: "oversized metadata", text: file(tenant("acme", `    metadata: { ${Array.from({ length: 11 }, (_, i) => `key${i}: v`).join(", ")} }\n`)), tenant: "acme", field: "metadata", rule: /at most 10/ },
  { name: "metadata key too short", text: file(tenant("acme", "    metadata: { ab: x }\n")), tenant: "acme", field: /metadata/, rule: /3–25/ },
  { name: "metadata value too long", text: file(tenant("acme", `    metadata: { plan: ${"x".repeat(257)} }\n`)), tenant: "acme", field: /metadata/, rule: /1–256/ },
  { name: "bad slug", text: file(tenant("acme", "    slug: Acme_Corp\n")), tenant: "acme", field: "slug", rule: /lower-case letters/ },
  { name: "the same slug in two tenants", text: file(tenant("acme", "    slug: shared\n"), tenant("other", "    slug: shared\n")), field: "slug", rule: /shared/ },
  { name: "the same externalId in two tenants", text: file(tenant("acme", "    externalId: crm-1\n"), tenant("other", "    externalId: crm-1\n")), field: "externalId", rule: /crm-1/ },
  { name: "http logo URL", text: file(tenant("acme", "    logoUrl: http://cdn.acme.com/logo.png\n")), tenant: "acme", field: "logoUrl", rule: /https/ },
  { name: "unknown feature", text: file(tenant("acme", "    features: { directory_sync: true }\n")), tenant: "acme", field: "features.directory_sync", rule: /not a known field/ },
  { name: "unknown portal feature", text: file(tenant("acme", "    adminPortal: { features: [audit_logs] }\n")), tenant: "acme", field: /adminPortal\.features/, rule: /sso, dir_sync/ },
  { name: "misspelled field", text: file(tenant("acme", "    domians: [acme.com]\n")), tenant: "acme", field: "domians", rule: /not a known field/ },
  { name: "a protect flag that is not a boolean", text: file(tenant("acme", "    protect: sometimes\n")), tenant: "acme", field: "protect", rule: /boolean/ },
  { name: "an alias bomb", text: file(tenant("acme", `    metadata:\n${ALIAS_BOMB}`)), tenant: "acme", field: /^metadata\.b\.0$/, rule: /alias bomb/ },
  { name: "__proto__ under metadata", text: file(tenant("acme", "    metadata: { plan: gold, __proto__: { tier: admin } }\n")), tenant: "acme", field: "metadata.__proto__", rule: /refused as a key/ },
  { name: "an unknown tag", text: file('  - key: acme\n    name: !!js/function "function () { return 1 }"\n'), tenant: "acme", field: "name", rule: /tag !!js\/function/ },
  { name: "a key twice in one mapping", text: file(tenant("acme", "    name: Acme Again\n")), tenant: "acme", field: "name", rule: /appears twice/ },
];

/** The secret references of the corpus resolve against these, not against this machine. */
const FIXED_SECRETS: SecretSources = {
  config: (key) => ({ fullKey: key, value: undefined, secret: true }),
  env: (name) => (name === "HOME" ? "a-resolvable-secret" : undefined),
};

async function registeredBy(tenantsText: string): Promise<{ error: unknown; registered: number }> {
  const directory = mkdtempSync(path.join(tmpdir(), "corpus-"));
  writeFileSync(path.join(directory, "tenants.yaml"), tenantsText);
  try {
    const captured = await runUnderMocks(() => onboardingStack({ baseDir: directory, secrets: FIXED_SECRETS }));
    return { error: undefined, registered: captured.resources.length };
  } catch (error) {
    return { error: error instanceof MockProgramError ? error.cause : error, registered: error instanceof MockProgramError ? error.resources.length : 0 };
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
}

describe("bad tenants files", () => {
  test("the corpus has at least 40 bad inputs with the resource corpus", () => {
    expect(CASES.length).toBeGreaterThanOrEqual(40);
  });

  test.each(CASES)("$name", async ({ text, tenant, field, rule }) => {
    const { error, registered } = await registeredBy(typeof text === "function" ? await text() : text);
    expect(registered).toBe(0);
    expect(error).toBeInstanceOf(TenantsFileError);
    const problems = (error as TenantsFileError).problems as TenantsFileProblem[];
    const matching = problems.filter((problem) => (typeof field === "string" ? problem.field === field : field.test(problem.field)) && rule.test(problem.rule));
    expect({ problems, matching: matching.length > 0 }).toMatchObject({ matching: true });
    if (tenant) expect(matching.some((problem) => problem.tenant === tenant)).toBe(true);
    expect((error as Error).message).toMatch(/nothing was changed/);
  });

  test("every problem of a file is reported at once", async () => {
    const text = file(tenant("acme", "    domains: [gmail.com]\n    slug: Bad_Slug\n"), tenant("acme"), "  - name: Keyless\n");
    const { error } = await registeredBy(text);
    const problems = (error as TenantsFileError).problems;
    expect(problems.map((problem) => problem.field)).toEqual(expect.arrayContaining(["domains.0", "slug", "key"]));
    expect(problems.length).toBeGreaterThanOrEqual(4);
  });
});
