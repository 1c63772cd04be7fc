import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { UNKNOWN } from "../../provider/core/unknowns";
import { PACKAGE_ROOT } from "../../scripts/package-root";
import { selfSignedCertificate } from "../helpers/certificates";
import { asAnalyzerReceives, PolicyAnalyzer, type PolicyPackConfig, type Verdict } from "../helpers/policy-analyzer";
import { unconfiguredRuntime } from "../helpers/runtime";

const PACK = path.join(PACKAGE_ROOT, "policy-pack");
const SSO_CONNECTION = "pulumi-nodejs:dynamic/scalekit:SSOConnection";
const PORTAL_LINK = "pulumi-nodejs:dynamic/scalekit:AdminPortalLink";
const DAY = 86_400_000;

/** Default levels, as the engine configures a pack run without --policy-pack-config. */
const DEFAULT_LEVELS: PolicyPackConfig = {
  "scalekit-saml-metadata-https": "mandatory",
  "scalekit-idp-certificate-lifetime": "advisory",
  "scalekit-connection-needs-organization-domain": "mandatory",
  "scalekit-oidc-secret-from-secret-config": "mandatory",
  "scalekit-portal-link-rotation": "advisory",
  "scalekit-no-debug-in-production": "mandatory",
};

// Values of the stack's configuration; the secret ones are never allowed to appear in a message.
const ENCRYPTED_SECRET = "oidc-secret-kept-encrypted-1";
const PLAIN_SECRET = "oidc-secret-kept-in-plain-text-2";
const ENVIRONMENT_SECRET = "oidc-secret-from-the-environment-3";
const LITERAL_SECRET = "oidc-secret-written-in-the-program-4";

let analyzer: PolicyAnalyzer;
let project: string;

beforeAll(async () => {
  // The project the pack is previewing: its stack settings file says which config values are encrypted.
  project = mkdtempSync(path.join(tmpdir(), "policy-project-"));
  writeFileSync(path.join(project, "Pulumi.yaml"), "name: scalekit-onboarding\nruntime: nodejs\n");
  writeFileSync(
    path.join(project, "Pulumi.dev.yaml"),
    "config:\n  scalekit-onboarding:acmeOidcSecret:\n    secure: v1:Zm9vYmFy\n  scalekit-onboarding:globexOidcSecret: oidc-secret-kept-in-plain-text-2\n",
  );
  analyzer = await PolicyAnalyzer.start({
    packDirectory: PACK,
    env: {
      PWD: project,
      PULUMI_NODEJS_PROJECT: "scalekit-onboarding",
      PULUMI_NODEJS_STACK: "dev",
      PULUMI_CONFIG: JSON.stringify({
        "scalekit:environmentUrl": "https://acme.scalekit.com",
        "scalekit-onboarding:acmeOidcSecret": ENCRYPTED_SECRET,
        "scalekit-onboarding:globexOidcSecret": PLAIN_SECRET,
      }),
      INITECH_OIDC_SECRET: ENVIRONMENT_SECRET,
    },
  });
}, 60_000);

afterAll(async () => {
  await analyzer?.stop();
  rmSync(project, { recursive: true, force: true });
});

beforeEach(() => analyzer.configure(DEFAULT_LEVELS));

/** The connection's inputs after the provider's check, as the engine hands them to Analyze. */
async function connection(raw: Record<string, unknown>): Promise<Record<string, unknown>> {
  const { inputs, failures } = await unconfiguredRuntime().check("SSOConnection", {}, { organizationId: "org_1", provider: "OKTA", ...raw });
  expect(failures).toEqual([]);
  return asAnalyzerReceives(inputs, ["oidc"]);
}

const analyzeConnection = async (name: string, raw: Record<string, unknown>) => analyzer.analyze({ type: SSO_CONNECTION, name, props: await connection(raw) });

function violationsOf(verdict: Verdict, policy: string) {
  return verdict.violations.filter((violation) => violation.policy === policy).map(({ message, level }) => ({ message, level }));
}

const oidc = (clientSecret: string) => ({ oidc: { issuer: "https://login.example.com", clientId: "client-1", clientSecret }, validateIdp: false });

test("the pack announces its six policies with their default levels and configuration", async () => {
  const info = await analyzer.info();
  expect(info.name).toBe("scalekit-sso-hygiene");
  expect(Object.fromEntries(info.policies.map((policy) => [policy.name, policy.level]))).toEqual(DEFAULT_LEVELS);
  const schemas = Object.fromEntries(info.policies.map((policy) => [policy.name, policy.configSchema]));
  expect(schemas["scalekit-idp-certificate-lifetime"]).toMatchObject({ minimumDays: { type: "integer", default: 30 } });
  expect(schemas["scalekit-no-debug-in-production"]).toMatchObject({ productionHosts: { default: ["*.scalekit.com"] } });
});

describe("scalekit-saml-metadata-https", () => {
  const POLICY = "scalekit-saml-metadata-https";

  test("an https metadata URL passes", async () => {
    const verdict = await analyzeConnection("acme/sso", { saml: { metadataUrl: "https://acme.okta.com/app/exk1/sso/saml/metadata" }, validateIdp: false });
    expect(violationsOf(verdict, POLICY)).toEqual([]);
  });

  test("plain http, even on localhost (which the resource itself accepts), is a mandatory violation", async () => {
    const verdict = await analyzeConnection("acme/sso", { saml: { metadataUrl: "http://127.0.0.1:8443/metadata" }, validateIdp: false });
    expect(violationsOf(verdict, POLICY)).toEqual([
      { level: "mandatory", message: expect.stringContaining("saml.metadataUrl http://127.0.0.1:8443/metadata uses http; use the IdP's https:// metadata URL") },
    ]);
  });

  test("allowLoopbackHttp lets local IdPs through, and nothing else", async () => {
    await analyzer.configure({ ...DEFAULT_LEVELS, [POLICY]: { enforcementLevel: "mandatory", allowLoopbackHttp: true } });
    const local = await analyzeConnection("acme/sso", { saml: { metadataUrl: "http://localhost:8443/metadata" }, validateIdp: false });
    expect(violationsOf(local, POLICY)).toEqual([]);
    const remote = await analyzer.analyze({ type: SSO_CONNECTION, name: "acme/sso", props: { organizationId: "org_1", provider: "OKTA", saml: { metadataUrl: "http://idp.example.com/metadata" } } });
    expect(violationsOf(remote, POLICY)).toHaveLength(1);
  });

  test("a metadata URL not known yet (preview) is neither passed nor failed, and does not stop the policy", async () => {
    const verdict = await analyzer.analyze({ type: SSO_CONNECTION, name: "acme/sso", props: { organizationId: UNKNOWN, provider: "OKTA", saml: { metadataUrl: UNKNOWN } } });
    expect(verdict.violations).toEqual([]);
  });

  test("other resource types are not applicable", async () => {
    const verdict = await analyzer.analyze({ type: PORTAL_LINK, name: "acme/admin-portal", props: { organizationId: "org_1", features: ["sso"], triggers: { rotation: "1" } } });
    expect(verdict.notApplicable).toEqual(expect.arrayContaining([POLICY, "scalekit-idp-certificate-lifetime", "scalekit-oidc-secret-from-secret-config", "scalekit-no-debug-in-production"]));
  });
});

describe("scalekit-idp-certificate-lifetime", () => {
  const POLICY = "scalekit-idp-certificate-lifetime";
  const saml = (certificate: string) => ({
    saml: { entityId: "https://idp.acme.com", ssoUrl: "https://idp.acme.com/sso", certificate },
  });

  test("a certificate valid for a year passes", async () => {
    const { cert } = await selfSignedCertificate({ commonName: "Year IdP", notAfter: new Date(Date.now() + 365 * DAY) });
    expect(violationsOf(await analyzeConnection("acme/sso", saml(cert)), POLICY)).toEqual([]);
  });

  test("a certificate expiring in 10 days is reported, advisory by default, with its expiry date", async () => {
    const notAfter = new Date(Date.now() + 10 * DAY + 3_600_000);
    const { cert } = await selfSignedCertificate({ commonName: "Soon IdP", notAfter });
    expect(violationsOf(await analyzeConnection("acme/sso", saml(cert)), POLICY)).toEqual([
      { level: "advisory", message: expect.stringContaining(`saml.certificate expires on ${notAfter.toISOString().slice(0, 10)}, in 10 days; it must stay valid for more than 30 days`) },
    ]);
  });

  test("the threshold and the level come from the policy's configuration", async () => {
    await analyzer.configure({ ...DEFAULT_LEVELS, [POLICY]: { enforcementLevel: "mandatory", minimumDays: 400 } });
    const { cert } = await selfSignedCertificate({ commonName: "Year IdP", notAfter: new Date(Date.now() + 365 * DAY) });
    expect(violationsOf(await analyzeConnection("acme/sso", saml(cert)), POLICY)).toEqual([
      { level: "mandatory", message: expect.stringContaining("it must stay valid for more than 400 days") },
    ]);
  });

  test("an expired certificate (IdP validation off, so the resource's check lets it through) is reported as expired", async () => {
    const { cert } = await selfSignedCertificate({ commonName: "Old IdP", notBefore: new Date("2020-01-01"), notAfter: new Date("2021-01-01") });
    expect(violationsOf(await analyzeConnection("acme/sso", { ...saml(cert), validateIdp: false }), POLICY)).toEqual([
      { level: "advisory", message: expect.stringContaining("saml.certificate expired on 2021-01-01") },
    ]);
  });

  test("a metadata URL (Scalekit reads rotated certificates from it) is not this policy's business", async () => {
    const verdict = await analyzeConnection("acme/sso", { saml: { metadataUrl: "https://acme.okta.com/metadata" }, validateIdp: false });
    expect(violationsOf(verdict, POLICY)).toEqual([]);
  });

  test("disabled by configuration, it reports nothing", async () => {
    await analyzer.configure({ ...DEFAULT_LEVELS, [POLICY]: "disabled" });
    const { cert } = await selfSignedCertificate({ commonName: "Soon IdP", notAfter: new Date(Date.now() + 10 * DAY + 3_600_000) });
    expect(violationsOf(await analyzeConnection("acme/sso", saml(cert)), POLICY)).toEqual([]);
  });
});

describe("scalekit-oidc-secret-from-secret-config", () => {
  const POLICY = "scalekit-oidc-secret-from-secret-config";

  test("a secret held encrypted in the stack's config passes", async () => {
    expect(violationsOf(await analyzeConnection("acme/sso", oidc(ENCRYPTED_SECRET)), POLICY)).toEqual([]);
  });

  test.each`
    origin                                       | secret                | expected
    ${"plain-text stack config"}                 | ${PLAIN_SECRET}       | ${"comes from stack config scalekit-onboarding:globexOidcSecret, which is stored in plain text; set it again with `pulumi config set --secret scalekit-onboarding:globexOidcSecret …`"}
    ${"an environment variable"}                 | ${ENVIRONMENT_SECRET} | ${"is not read from the stack's secret configuration (it comes from the environment variable INITECH_OIDC_SECRET)"}
    ${"a literal in the program"}                | ${LITERAL_SECRET}     | ${"is not read from the stack's secret configuration (it is not a stack config value)"}
  `("a secret from $origin is a mandatory violation that names where it came from, never the value", async ({ secret, expected }) => {
    const violations = violationsOf(await analyzeConnection("globex/sso", oidc(secret)), POLICY);
    expect(violations).toEqual([{ level: "mandatory", message: expect.stringContaining(`oidc.clientSecret ${expected}`) }]);
    expect(violations[0].message).not.toContain(secret);
  });

  test("a SAML connection, or a secret not known before the update, is not judged", async () => {
    const saml = await analyzeConnection("acme/sso", { saml: { metadataUrl: "https://acme.okta.com/metadata" }, validateIdp: false });
    const unknown = await analyzer.analyze({ type: SSO_CONNECTION, name: "acme/sso", props: asAnalyzerReceives({ organizationId: "org_1", provider: "OKTA", oidc: { issuer: "https://login.example.com", clientId: "c", clientSecret: UNKNOWN } }, ["oidc"]) });
    expect([...violationsOf(saml, POLICY), ...unknown.violations]).toEqual([]);
  });
});

describe("scalekit-portal-link-rotation", () => {
  const POLICY = "scalekit-portal-link-rotation";
  const link = async (raw: Record<string, unknown>) => {
    const { inputs } = await unconfiguredRuntime().check("AdminPortalLink", {}, { organizationId: "org_1", ...raw });
    return analyzer.analyze({ type: PORTAL_LINK, name: "acme/admin-portal", props: asAnalyzerReceives({ ...inputs, __provider: "serialized provider text" }) });
  };

  test("a link with a rotation trigger passes", async () => {
    expect(violationsOf(await link({ triggers: { rotation: "2026-11" } }), POLICY)).toEqual([]);
  });

  test("a link without one is an advisory violation that says how to add it", async () => {
    expect(violationsOf(await link({}), POLICY)).toEqual([{ level: "advisory", message: expect.stringContaining('triggers is not set; add one, e.g. triggers: { rotation: "2026-11" }') }]);
    expect(violationsOf(await link({ triggers: {} }), POLICY)).toHaveLength(1);
  });

  test("a trigger not known yet (preview) counts as set", async () => {
    expect(violationsOf(await link({ triggers: UNKNOWN }), POLICY)).toEqual([]);
  });
});

describe("scalekit-no-debug-in-production", () => {
  const POLICY = "scalekit-no-debug-in-production";
  const debugConnection = (debugEnabled: boolean) => analyzeConnection("acme/sso", { saml: { metadataUrl: "https://acme.okta.com/metadata" }, validateIdp: false, debugEnabled });

  test("debug mode against the stack's *.scalekit.com environment is a mandatory violation", async () => {
    expect(violationsOf(await debugConnection(true), POLICY)).toEqual([
      { level: "mandatory", message: expect.stringContaining("debugEnabled is true and the Scalekit environment acme.scalekit.com is production (matches *.scalekit.com)") },
    ]);
  });

  test("without debug mode, or against a development environment, it passes", async () => {
    expect(violationsOf(await debugConnection(false), POLICY)).toEqual([]);
    await analyzer.configure({ ...DEFAULT_LEVELS, [POLICY]: { enforcementLevel: "mandatory", environmentUrl: "https://acme.scalekit.dev" } });
    expect(violationsOf(await debugConnection(true), POLICY)).toEqual([]);
  });

  test("the production host patterns come from the policy's configuration (a custom domain, say)", async () => {
    await analyzer.configure({
      ...DEFAULT_LEVELS,
      [POLICY]: { enforcementLevel: "advisory", environmentUrl: "https://auth.example.com", productionHosts: ["*.scalekit.com", "auth.example.com"] },
    });
    expect(violationsOf(await debugConnection(true), POLICY)).toEqual([{ level: "advisory", message: expect.stringContaining("(matches auth.example.com)") }]);
  });
});

test("the pack wrote nothing to its output while analyzing (no secret can have leaked there)", () => {
  expect(analyzer.output.join("")).toBe("");
});
