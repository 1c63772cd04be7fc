import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { isSecretEnvelope } from "../../tools/engine-standin";
import { TenantsFileError } from "../../provider";
import { MockProgramError, runUnderMocks, type MockProgram, type MockRegistration } from "../helpers/mock-program";
import { SAMPLE_TENANTS, writeSampleVariant } from "../helpers/sample-tenants";
import { onboardingStack } from "../../stack/onboarding";

const SAMPLE = SAMPLE_TENANTS;
const SECRET = "entra-client-secret-for-tests";
const DYNAMIC = "pulumi-nodejs:dynamic/scalekit:";
const TENANT = "scalekit:index:Tenant";

let scratch: string;
beforeAll(() => {
  scratch = mkdtempSync(path.join(tmpdir(), "tenants-"));
  process.env.GLOBEX_ENTRA_CLIENT_SECRET = SECRET;
});
afterAll(() => {
  rmSync(scratch, { recursive: true, force: true });
  delete process.env.GLOBEX_ENTRA_CLIENT_SECRET;
});

const run = (tenantsFile: string, config: Record<string, string> = {}, secretConfigKeys: string[] = []) =>
  runUnderMocks(() => onboardingStack({ tenantsFile }), { project: "scalekit-onboarding", stack: "dev", config, secretConfigKeys });

const urn = (chain: string[], name: string) => `urn:pulumi:dev::scalekit-onboarding::${chain.join("$")}::${name}`;
const tenantUrn = (key: string) => urn([TENANT], key);
const childUrn = (kind: string, name: string) => urn([TENANT, DYNAMIC + kind], name);

/** The inputs a resource was registered with, the serialized provider left out (checked to be there). */
function readable(resource: MockRegistration): Record<string, unknown> {
  const { __provider, ...inputs } = resource.inputs;
  expect(typeof __provider).toBe("string");
  return inputs;
}

function writeTenants(name: string, transform: (document: any) => void): string {
  return writeSampleVariant(scratch, name, transform);
}

describe("the root stack on the sample tenants.yaml, under mocks", () => {
  let program: MockProgram<ReturnType<typeof onboardingStack>>;
  beforeAll(async () => {
    program = await run(SAMPLE);
  });

  it("registers exactly the expected resources, named from tenant keys, each under its tenant", () => {
    // Registration order across tenants depends on promise timing; the engine orders by dependencies.
    const summary = program.resources.map((resource) => [resource.urn, resource.parent ?? null, resource.protect]).sort();
    expect(summary).toEqual([
      [tenantUrn("acme"), null, false],
      [childUrn("Organization", "acme"), tenantUrn("acme"), true],
      [childUrn("Domain", "acme/acmecorp.com"), tenantUrn("acme"), false],
      [childUrn("Domain", "acme/acme.io"), tenantUrn("acme"), false],
      [childUrn("SSOConnection", "acme/sso"), tenantUrn("acme"), false],
      [childUrn("AdminPortalLink", "acme/admin-portal"), tenantUrn("acme"), false],
      [tenantUrn("globex"), null, false],
      [childUrn("Organization", "globex"), tenantUrn("globex"), true],
      [childUrn("Domain", "globex/globex.com"), tenantUrn("globex"), false],
      [childUrn("SSOConnection", "globex/sso"), tenantUrn("globex"), false],
      [tenantUrn("initech"), null, false],
      [childUrn("Organization", "initech"), tenantUrn("initech"), true],
      [childUrn("Domain", "initech/initech.com"), tenantUrn("initech"), false],
    ].sort());
  });

  it("passes the expected inputs, wired to the organization's resource id (known in every preview that updates it)", () => {
    const inputs = Object.fromEntries(program.resources.filter((resource) => resource.custom).map((resource) => [resource.name + " " + resource.type.split(":").pop(), readable(resource)]));
    expect(inputs).toEqual({
      "acme Organization": { displayName: "Acme Corp", externalId: "acme-123", metadata: { plan: "enterprise" }, features: { sso: true } },
      "acme/acmecorp.com Domain": { organizationId: "acme.id", domain: "acmecorp.com" },
      "acme/acme.io Domain": { organizationId: "acme.id", domain: "acme.io", domainType: "ALLOWED_EMAIL_DOMAIN" },
      "acme/sso SSOConnection": {
        organizationId: "acme.id",
        provider: "OKTA",
        keyId: "acme-okta-saml",
        saml: { metadataUrl: "https://acme.okta.com/app/exk8acme0123456789/sso/saml/metadata" },
        enabled: false,
        validateIdp: true,
      },
      "acme/admin-portal AdminPortalLink": { organizationId: "acme.id", features: ["sso"], regenerateWhenExpired: false },
      "globex Organization": { displayName: "Globex Corporation", externalId: "globex" },
      "globex/globex.com Domain": { organizationId: "globex.id", domain: "globex.com" },
      "globex/sso SSOConnection": {
        organizationId: "globex.id",
        provider: "MICROSOFT_AD",
        keyId: "globex-microsoft-ad-oidc",
        oidc: expect.anything(),
        enabled: false,
        validateIdp: true,
      },
      "initech Organization": { displayName: "Initech", externalId: "initech" },
      "initech/initech.com Domain": { organizationId: "initech.id", domain: "initech.com" },
    });
  });

  it("orders children after what they need: organization, then domains, then connection, then portal link", () => {
    const dependenciesOf = (kind: string, name: string) => [...program.resources.find((resource) => resource.urn === childUrn(kind, name))!.dependencies].sort();
    expect(dependenciesOf("Domain", "acme/acmecorp.com")).toEqual([childUrn("Organization", "acme")]);
    expect(dependenciesOf("SSOConnection", "acme/sso")).toEqual([childUrn("Domain", "acme/acme.io"), childUrn("Domain", "acme/acmecorp.com"), childUrn("Organization", "acme")]);
    expect(dependenciesOf("AdminPortalLink", "acme/admin-portal")).toEqual(
      [childUrn("Domain", "acme/acme.io"), childUrn("Domain", "acme/acmecorp.com"), childUrn("Organization", "acme"), childUrn("SSOConnection", "acme/sso")].sort(),
    );
    expect(dependenciesOf("Organization", "acme")).toEqual([]);
  });

  it("sends the OIDC client secret only as a secret", () => {
    const connection = program.resources.find((resource) => resource.name === "globex/sso")!;
    expect(isSecretEnvelope(connection.inputs.oidc)).toBe(true);
    expect((connection.inputs.oidc as { value: Record<string, unknown> }).value).toMatchObject({
      issuer: "https://login.microsoftonline.com/3f2b9c4e-8a1d-4b6e-9f07-5c2d1e8a7b90/v2.0",
      clientId: "6d1c0a7e-2b4f-4e8a-b3c9-0f5e7d2a1c84",
      clientSecret: SECRET,
    });
    expect(plainStrings(program.resources.map((resource) => resource.inputs))).not.toContain(SECRET);
  });

  it("exports a hand-off bundle per tenant key, with the portal link as a secret", async () => {
    const { tenants } = program.result;
    expect(Object.keys(tenants)).toEqual(["acme", "globex", "initech"]);
    expect(tenants.initech.sso).toBeUndefined();
    expect(tenants.initech.adminPortal).toBeUndefined();
    expect(tenants.initech.freshPortalLink).toBe("npx pulumi-scalekit portal-link initech");
    expect(await (tenants.acme.adminPortal!.link as any).isSecret).toBe(true);
    expect(await (tenants.acme.sso!.acsUrl as any).isSecret).toBe(false);
  });

  it("gives identical URNs and inputs when the tenants are listed in another order", async () => {
    const reordered = await run(writeTenants("reordered.yaml", (document) => document.tenants.reverse()));
    const byUrn = (captured: MockProgram<unknown>) => Object.fromEntries(captured.resources.map((resource) => [resource.urn, resource.custom ? readable(resource) : {}]));
    expect(reordered.resources.map((resource) => resource.urn).sort()).toEqual(program.resources.map((resource) => resource.urn).sort());
    expect(byUrn(reordered)).toEqual(byUrn(program));
  });

  it("takes a client secret from secret stack config", async () => {
    const file = writeTenants("config-secret.yaml", (document) => (document.tenants[1].sso.oidc.clientSecret = { config: "globexEntraClientSecret" }));
    const captured = await run(file, { "scalekit-onboarding:globexEntraClientSecret": "from-config" }, ["scalekit-onboarding:globexEntraClientSecret"]);
    const connection = captured.resources.find((resource) => resource.name === "globex/sso")!;
    expect(connection.inputs.oidc).toMatchObject({ value: { clientSecret: "from-config" } });
    expect(isSecretEnvelope(connection.inputs.oidc)).toBe(true);
  });

  it("unprotects an organization whose entry says protect: false", async () => {
    const captured = await run(writeTenants("unprotected.yaml", (document) => (document.tenants[2].protect = false)));
    expect(captured.resources.find((resource) => resource.urn === childUrn("Organization", "initech"))!.protect).toBe(false);
    expect(captured.resources.find((resource) => resource.urn === childUrn("Organization", "acme"))!.protect).toBe(true);
  });
});

describe("the root stack on a bad tenants file", () => {
  it("fails with every problem and registers nothing", async () => {
    const file = writeTenants("bad.yaml", (document) => {
      document.tenants[1].key = "acme";
      document.tenants[1].sso.oidc.clientSecret = "hunter2";
      document.tenants[2].domains.push("acmecorp.com", "not a domain");
      document.tenants[2].sso = { provider: "SALESFORCE", saml: { metadataUrl: "https://x.example.com/m" } };
    });
    const failure: MockProgramError = await run(file).then(
      () => Promise.reject(new Error("expected the program to fail")),
      (error: MockProgramError) => error,
    );
    expect(failure).toBeInstanceOf(MockProgramError);
    expect(failure.resources).toEqual([]);
    const error = failure.cause as TenantsFileError;
    expect(error).toBeInstanceOf(TenantsFileError);
    expect(error.problems.map(({ tenant, field }) => `${tenant} ${field}`)).toEqual([
      "acme key",
      "acme sso.oidc.clientSecret",
      "initech domains.1",
      "initech domains.2",
      "initech sso.provider",
    ]);
    expect(error.message).toContain("secrets must not be written inline");
  });

  it("names a missing file", async () => {
    const failure = (await run(path.join(scratch, "missing.yaml")).catch((error) => error)) as MockProgramError;
    expect(failure.resources).toEqual([]);
    expect((failure.cause as Error).message).toMatch(/missing\.yaml has 1 problem; nothing was changed:\n {2}- .*missing\.yaml: cannot be read \(ENOENT\)/);
  });
});

/** Strings that are not inside a secret envelope. */
function plainStrings(value: unknown): string[] {
  if (isSecretEnvelope(value)) return [];
  if (typeof value === "string") return [value];
  if (Array.isArray(value)) return value.flatMap(plainStrings);
  if (value && typeof value === "object") return Object.values(value).flatMap(plainStrings);
  return [];
}
