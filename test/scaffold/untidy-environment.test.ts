import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { startEmulator, type Emulator } from "../../emulator";
import type { ScalekitClient } from "../../provider/api/client";
import { checkTenantsHealth } from "../../provider/health";
import { loadTenants, type SecretSources } from "../../provider";
import { scaffoldTenantsFile, type ScaffoldResult, type ScaffoldedTenant } from "../../provider/scaffold";
import { runScaffoldCommand } from "../../provider/cli/scaffold/command";
import { UsageError } from "../../provider/cli/command-io";
import { PACKAGE_ROOT } from "../../scripts/package-root";
import { changes, StandInStack } from "../../tools/engine-standin";
import { clientFor } from "../helpers/emulator";
import { useStateFolder } from "../helpers/state-folder";
import { seedUntidyEnvironment, UNTIDY_ORGANIZATIONS, type UntidyEnvironment } from "../helpers/untidy-environment";

/*
 * `npm run scaffold` on an environment set up by hand, then `pulumi up` (the engine stand-in, the root
 * stack) on the file it wrote: every object adopted with no write at all, and the next `up` has no steps.
 */
jest.setTimeout(300_000);
const states = useStateFolder();
let folder: string;
let emulator: Emulator;
let client: ScalekitClient;
let seeded: UntidyEnvironment;
let scaffolded: ScaffoldResult;
let scaffoldCalls: string[];

beforeAll(async () => {
  folder = mkdtempSync(path.join(tmpdir(), "scaffold-"));
  emulator = await startEmulator({ seed: 13, dataFile: path.join(folder, "scalekit.db") });
  client = clientFor(emulator);
  seeded = await seedUntidyEnvironment(path.join(folder, "scalekit.db"), client);
  const since = emulator.requestLog.length;
  scaffolded = await scaffoldTenantsFile(client, { now: new Date("2026-12-01T00:00:00Z") });
  scaffoldCalls = emulator.requestLog.slice(since).map((entry) => `${entry.method} ${entry.path}${entry.query ? `?${entry.query}` : ""}`);
});
afterAll(async () => {
  await client?.close();
  await emulator?.close();
  rmSync(folder, { recursive: true, force: true });
});

const tenantOf = (role: string): ScaffoldedTenant => scaffolded.tenants.find((tenant) => tenant.organizationId === seeded.ids[role])!;
const secretsFor = (keys: readonly string[]): SecretSources => ({
  config: (key) => ({ fullKey: `scalekit-onboarding:${key}`, value: keys.includes(key) ? `secret-of-${key}` : undefined, secret: true }),
  env: () => undefined,
});

describe("scaffolding an untidy environment", () => {
  test("reads every organization across pages (page tokens), and only reads", () => {
    expect(scaffolded.tenants).toHaveLength(UNTIDY_ORGANIZATIONS);
    const pages = scaffoldCalls.filter((call) => call.startsWith("GET /api/v1/organizations?"));
    expect(pages).toHaveLength(3);
    expect(pages.slice(1).every((call) => /page_token=\w+/.test(call))).toBe(true);
    expect(scaffoldCalls.filter((call) => !call.startsWith("GET ") && !call.startsWith("POST /oauth/token"))).toEqual([]);
    expect(new Set(scaffolded.tenants.map((tenant) => tenant.key)).size).toBe(UNTIDY_ORGANIZATIONS);
  });

  test("keys: from the external id, else the slug, the name or the id; normalized, unique, and said where they come from", () => {
    const keys = Object.fromEntries(["acme", "societe", "globex", "globex2", "crm", "initech"].map((role) => [role, tenantOf(role).key]));
    expect(keys).toEqual({ acme: "acme-001", societe: "societe-generale-d-electricite", globex: "globex", globex2: "globex-2", crm: "crm-0042-eu", initech: "initech" });
    expect(tenantOf("punctuation").key).toBe(seeded.ids.punctuation.replace("_", "-"));
    expect(tenantOf("long").key).toBe("the-extremely-long-and-distinguished-name-of-a-customer-incorpo");
    expect(tenantOf("crm").entry).toMatchObject({ externalId: "CRM#0042/EU", adopt: true });
    expect(tenantOf("societe").entry).toMatchObject({ organizationId: seeded.ids.societe, adopt: true });
    expect(tenantOf("societe").entry).not.toHaveProperty("externalId");
    expect(tenantOf("societe").notes[0]).toBe("Key from the display name: the organization has no external id, so it is adopted by its id.");
    expect(tenantOf("initech").notes[0]).toBe("Key from the slug: the organization has no external id, so it is adopted by its id.");
    expect(tenantOf("globex2").notes[0]).toMatch(/Key globex-2: globex is the key of an organization created earlier\.$/);
    expect(tenantOf("acme").notes).toEqual([]);
  });

  test("each organization as it is: fields, features, domains and its connection; OIDC secrets as references", () => {
    expect(tenantOf("acme").entry).toEqual({
      key: "acme-001", name: "Acme Corp", externalId: "ACME-001", adopt: true, slug: "acme", metadata: { plan: "gold" }, features: { sso: true, dir_sync: true },
      domains: ["acmecorp.com", { domain: "acme.io", type: "ALLOWED_EMAIL_DOMAIN" }],
      sso: { provider: "OKTA", saml: { metadataUrl: "https://idp.untidy.test/saml/metadata" }, attributeMapping: { email: "user.email" }, enabled: true },
    });
    expect(tenantOf("societe").entry.sso).toEqual({
      provider: "MICROSOFT_AD", connectionId: seeded.connections.societe, enabled: true,
      oidc: { issuer: "https://login.untidy.test/v2.0", clientId: "untidy-app", clientSecret: { config: "societeGeneraleDElectriciteOidcClientSecret" } },
    });
    expect(tenantOf("extras").entry.sso).toMatchObject({ debugEnabled: true, uiButtonTitle: "Sign in with Extras", oidc: { scopes: ["email", "openid"], pkceEnabled: true } });
    expect(tenantOf("allowed").entry.domains).toEqual([{ domain: "allowed-one.com", type: "ALLOWED_EMAIL_DOMAIN" }, { domain: "allowed-two.com", type: "ALLOWED_EMAIL_DOMAIN" }]);
    expect(tenantOf("pending").entry.domains).toEqual(["pending-dns.com"]);
    expect(tenantOf("legacy").entry.sso).toMatchObject({ connectionId: seeded.connections.legacy, enabled: false, saml: { entityId: "http://www.okta.com/exkuntidy", nameIdFormat: "EMAIL" } });
    expect(scaffolded.secretConfigKeys).toEqual(["societeGeneraleDElectriciteOidcClientSecret", "extrasOidcClientSecret"]);
    expect(scaffolded.text).not.toContain("held-by-scalekit");
  });

  test("what cannot be declared is said in a comment above its tenant, and left alone", () => {
    const notes = (role: string) => tenantOf(role).notes.join("\n");
    const { connections } = seeded;
    expect(notes("legacy")).toContain(`SSO connection ${connections.legacy} keeps its key id legacy-saml-8 (adopted by sso.connectionId; the tenant's own would be legacy-okta-saml).`);
    expect(notes("draft")).toBe(`OKTA SAML connection ${connections.draft} is not declared: it is a draft, disabled: nothing of its IdP is configured yet. It stays in Scalekit as it is. Declare it under sso once it is configured.`);
    expect(notes("partial")).toMatch(new RegExp(`ADFS SAML connection ${connections.partial} is not declared: it is in progress, disabled, and its configuration is incomplete \\(saml: needs metadataUrl, or entityId, ssoUrl and certificate \\(missing ssoUrl, certificate\\)\\)`));
    expect(notes("twins")).toBe(`MICROSOFT_AD OIDC connection ${connections.twinsDisabled} is not declared: a tenant declares one SSO connection, and this file declares ${connections.twins}. It stays in Scalekit as it is.`);
    expect(notes("social")).toBe(
      `SCALEKIT PASSWORDLESS connection ${connections.passwordless} (enabled) is not declared: a tenant declares one SAML or OIDC SSO connection. It stays in Scalekit as it is.\n` +
        `GITHUB OIDC connection ${connections.social} (enabled) is not declared: GITHUB is a social login, not an enterprise identity provider. It stays in Scalekit as it is.`,
    );
    expect(tenantOf("social").entry).not.toHaveProperty("sso");
    expect(notes("gmail")).toBe("Domain gmail.com is not declared: public or disposable email domains (gmail.com, outlook.com, …) cannot belong to an organization. It stays in Scalekit as it is.");
    expect(tenantOf("gmail").entry.domains).toEqual(["gmail-users.com"]);
    expect(notes("beta")).toBe("Feature beta_feature (enabled) is not declared: this file knows sso, dir_sync, domain_verification, session_policy. It stays in Scalekit as it is.");
    expect(notes("rotating")).toContain(`SAML connection ${connections.rotating} holds 2 IdP certificates; sso.saml.certificate is the one expiring last`);
    expect(scaffolded.text).toContain(`  # SAML connection ${connections.rotating} holds 2 IdP certificates;`);
    expect(scaffolded.text).toContain("    # Scalekit never returns it: `pulumi config set --secret extrasOidcClientSecret <the client secret>` before `pulumi up`\n        clientSecret: { config: extrasOidcClientSecret }");
  });

  test("the file loads as `pulumi up` loads it, once the referenced secrets are set", () => {
    expect(loadTenants(scaffolded.text, { secrets: secretsFor(scaffolded.secretConfigKeys) })).toHaveLength(UNTIDY_ORGANIZATIONS);
    expect(() => loadTenants(scaffolded.text, { secrets: secretsFor([]) })).toThrow(/stack config scalekit-onboarding:extrasOidcClientSecret is not set/);
  });

  test("npm run scaffold writes the file and never overwrites one", async () => {
    const out: string[] = [];
    const err: string[] = [];
    const io = {
      cwd: folder,
      env: { SCALEKIT_ENVIRONMENT_URL: emulator.url, SCALEKIT_CLIENT_ID: emulator.clientId, SCALEKIT_CLIENT_SECRET: emulator.clientSecret },
      out: (line: string) => out.push(line),
      err: (line: string) => err.push(line),
    };
    const now = new Date("2026-12-01T00:00:00Z");
    expect(await runScaffoldCommand(["--out", "tenants.yaml"], io, now)).toBe(0);
    const file = path.join(folder, "tenants.yaml");
    expect(readFileSync(file, "utf8")).toBe(scaffolded.text);
    expect(out[0]).toMatch(new RegExp(`^wrote ${file}: 300 tenants, \\d+ with comments on what the file does not declare$`));
    expect(out.slice(1)).toEqual([
      "before `pulumi up`, set the 2 OIDC client secret(s) Scalekit never returns:",
      "  pulumi config set --secret societeGeneraleDElectriciteOidcClientSecret <the client secret>",
      "  pulumi config set --secret extrasOidcClientSecret <the client secret>",
    ]);
    writeFileSync(file, "# mine\n");
    const since = emulator.requestLog.length;
    expect(await runScaffoldCommand(["--out", "tenants.yaml"], io, now)).toBe(2);
    expect(err).toEqual([`${file} exists; scaffold never overwrites a file: choose another --out`]);
    expect(readFileSync(file, "utf8")).toBe("# mine\n");
    expect(emulator.requestLog.length).toBe(since);
    await expect(runScaffoldCommand([], io, now)).rejects.toThrow(new UsageError("--out <file> is required"));
    expect(existsSync(path.join(folder, "undefined"))).toBe(false);
  });

  test("pulumi up on the file adopts every object with no write; the next up has no steps and makes no call", async () => {
    const file = path.join(folder, "scaffolded.yaml");
    writeFileSync(file, scaffolded.text);
    const secrets = Object.fromEntries(scaffolded.secretConfigKeys.map((key) => [`scalekit-onboarding:${key}`, { secret: `secret-of-${key}` }]));
    const stack = await StandInStack.open({
      projectDir: PACKAGE_ROOT,
      stack: "scaffolded",
      config: {
        "scalekit:environmentUrl": emulator.url, "scalekit:clientId": emulator.clientId, "scalekit:clientSecret": { secret: emulator.clientSecret },
        "scalekit-onboarding:tenantsFile": file, ...secrets,
      },
      env: {},
      parallel: 8,
      stateFile: states.file("scaffolded"),
    });

    const since = emulator.requestLog.length;
    const up = await stack.up();
    expect(up.errors).toEqual([]);
    const made = emulator.requestLog.slice(since);
    expect(made.filter((entry) => entry.method !== "GET" && entry.path !== "/oauth/token")).toEqual([]);
    const created = up.plan.filter((step) => step.op === "create").map((step) => step.type.split(":").pop());
    expect(created.filter((type) => type === "Organization")).toHaveLength(UNTIDY_ORGANIZATIONS);
    expect(stack.state.resources.find((resource) => resource.id === seeded.ids.societe)).toBeDefined();
    expect(stack.state.resources.find((resource) => resource.id === `${seeded.ids.legacy}/${seeded.connections.legacy}`)).toBeDefined();

    const again = emulator.requestLog.length;
    const next = await stack.up();
    expect(next.errors).toEqual([]);
    expect(changes(next.plan)).toEqual([]);
    expect(emulator.requestLog.slice(again).filter((entry) => entry.path !== "/oauth/token")).toEqual([]);

    // What was adopted is as it was: the organization without an external id still has none, the foreign key id is kept.
    expect((await client.organizations.get(seeded.ids.societe)).external_id).toBeFalsy();
    expect((await client.connections.get(seeded.ids.legacy, seeded.connections.legacy)).key_id).toBe("legacy-saml-8");
  });

  test("npm run health on the file reports as drift exactly what the file does not declare", async () => {
    const file = path.join(folder, "scaffolded.yaml");
    const health = await checkTenantsHealth(file, client);
    const { connections } = seeded;
    expect(health.flatMap((tenant) => tenant.problems.filter((problem) => problem.kind === "drift").map((problem) => `${tenant.key}: ${problem.message}`))).toEqual([
      `draft: SSO connection ${connections.draft} (OKTA SAML) is in Scalekit but not in the file`,
      `partial: SSO connection ${connections.partial} (ADFS SAML) is in Scalekit but not in the file`,
      `twins: SSO connection ${connections.twinsDisabled} (MICROSOFT_AD OIDC) is in Scalekit but not in the file`,
      `social: SSO connection ${connections.social} (GITHUB OIDC) is in Scalekit but not in the file`,
      "gmail-users: domain gmail.com is in Scalekit but not in the file",
    ]);
  });
});
