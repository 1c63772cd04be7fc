import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { findPortalLinkTarget, refusalOf } from "../../provider";
import type { ScalekitClient } from "../../provider/api/client";
import type { PortalLinkFeature } from "../../provider/api/enums";
import { UsageError } from "../../provider/cli/command-io";
import { parsePortalLinkArguments } from "../../provider/cli/portal-link/arguments";
import { runPortalLinkCommand } from "../../provider/cli/portal-link/command";
import { calls, clientFor, useEmulator } from "../helpers/emulator";
import { SAMPLE_LAYOUT } from "../shards/layouts";

const handle = useEmulator();
let client: ScalekitClient;
let project: string;

const TENANTS = `tenants:
  - key: acme
    name: Acme Corp
    externalId: acme-123
    features: { sso: true }
    adminPortal: { features: [sso] }
  - key: initech
    name: Initech
  - key: hooli
    name: Hooli
  - key: umbrella
    name: Umbrella Corporation
    features: { sso: true, dir_sync: true }
    adminPortal: { features: [sso, dir_sync] }
`;

beforeAll(async () => {
  client = clientFor(handle.emulator);
  project = mkdtempSync(path.join(tmpdir(), "portal-link-"));
  writeFileSync(path.join(project, "tenants.yaml"), TENANTS);
  const acme = await client.organizations.create({ display_name: "Acme Corp", external_id: "acme-123" });
  await client.organizations.updateSettings(acme.id, [{ name: "sso", enabled: true }, { name: "dir_sync", enabled: false }]);
  await client.organizations.create({ display_name: "Initech", external_id: "initech" });
  const umbrella = await client.organizations.create({ display_name: "Umbrella Corporation", external_id: "umbrella" });
  await client.organizations.updateSettings(umbrella.id, [{ name: "sso", enabled: true }, { name: "dir_sync", enabled: true }]);
});
afterAll(async () => {
  await client.close();
  rmSync(project, { recursive: true, force: true });
});

/** Runs the command as `npm run portal-link` would, with the emulator's credentials in the environment. */
async function portalLink(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const { url, clientId, clientSecret } = handle.emulator;
  const env = { SCALEKIT_ENVIRONMENT_URL: url, SCALEKIT_CLIENT_ID: clientId, SCALEKIT_CLIENT_SECRET: clientSecret };
  const since = handle.emulator.requestLog.length;
  const code = await runPortalLinkCommand(argv, { cwd: project, env, out: (line) => out.push(line), err: (line) => err.push(line) });
  return { code, out, err, calls: calls(handle.emulator, since).filter((call) => !call.startsWith("POST /oauth/token")) };
}

const emulatorConfig = () => `config:
  scalekit:environmentUrl: ${handle.emulator.url}
  scalekit:clientId: ${handle.emulator.clientId}
  scalekit:clientSecret: ${handle.emulator.clientSecret}
`;

describe("npm run portal-link", () => {
  it("mints a link for the tenant's organization that opens once, then not, and prints its expiry", async () => {
    const before = Date.now();
    const { code, out, err, calls: made } = await portalLink("acme");
    expect({ code, err }).toEqual({ code: 0, err: [] });
    expect(out[0]).toMatch(/^Admin portal link for tenant acme \(Acme Corp, org_\w+\), features: sso$/);
    const location = out[1];
    expect(location).toMatch(new RegExp(`^${handle.emulator.url}/magicLink/[0-9a-f-]{36}$`));
    const [, expiry, seconds] = /^Single use, valid until (\S+) \(about (\d+) s from now\); opening it starts a 6-hour admin session\.$/.exec(out[2])!;
    expect(Date.parse(expiry)).toBeGreaterThanOrEqual(before + 59_000);
    expect(Number(seconds)).toBeGreaterThanOrEqual(58);
    expect(made).toEqual([
      "GET /api/v1/organizations:external/acme-123 200",
      expect.stringMatching(/^PUT \/api\/v1\/organizations\/org_\w+\/portal_links 200$/),
    ]);

    const first = await fetch(location);
    expect(first.status).toBe(200);
    const page = await first.text();
    expect(page).toContain("Acme Corp");
    expect(page).toContain("Features: sso");
    expect((await fetch(location)).status).toBe(410);
  });

  it("mints a new link on every run", async () => {
    const [one, two] = [(await portalLink("acme")).out[1], (await portalLink("acme")).out[1]];
    expect(one).not.toBe(two);
  });

  it("refuses a feature the organization has not enabled, with the reason, before asking for a link", async () => {
    const { code, out, err, calls: made } = await portalLink("acme", "--features", "sso,dir_sync");
    expect(code).toBe(1);
    expect(out).toEqual([]);
    expect(err).toEqual([
      expect.stringMatching(
        /^tenant acme: no admin portal link was minted: organization org_\w+ has not enabled dir_sync \(its settings list only sso as enabled\); enable it with `features: \{ dir_sync: true \}` in the tenants file and run `up`$/,
      ),
    ]);
    expect(made).toEqual(["GET /api/v1/organizations:external/acme-123 200"]);
  });

  it("refuses an organization with no features enabled, and a tenant not onboarded yet", async () => {
    expect((await portalLink("initech")).err).toEqual([
      expect.stringMatching(/^tenant initech: no admin portal link was minted: organization org_\w+ has not enabled sso \(its settings list no enabled feature\)/),
    ]);
    const missing = await portalLink("hooli");
    expect(missing.err).toEqual(["tenant hooli: no admin portal link was minted: no organization has the external id hooli; run `up` for the tenant first"]);
    expect(missing.calls).toEqual(["GET /api/v1/organizations:external/hooli 404"]);
  });

  it("finds a tenant adopted by id (an organization without an external id) by that id", async () => {
    const umbrella = await client.organizations.create({ display_name: "Umbrella" });
    await client.organizations.updateSettings(umbrella.id, [{ name: "sso", enabled: true }]);
    writeFileSync(path.join(project, "adopted.yaml"), `tenants:\n  - { key: umbrella, name: Umbrella, organizationId: ${umbrella.id}, adopt: true }\n`);
    const { code, calls: made } = await portalLink("umbrella", "--tenants", "adopted.yaml");
    expect(code).toBe(0);
    expect(made).toEqual([`GET /api/v1/organizations/${umbrella.id} 200`, `PUT /api/v1/organizations/${umbrella.id}/portal_links 200`]);
  });

  it("turns Scalekit's own INVALID_ARGUMENT for a feature the organization has not enabled into a refusal with the server's reason", async () => {
    const acme = (await client.organizations.findByExternalId("acme-123"))!;
    const answer = await client.portalLinks.generate(acme.id, ["dir_sync"]).catch((error: unknown) => error);
    expect(refusalOf(answer)?.message).toBe(
      `no admin portal link was minted: Scalekit refused the link: invalid features: the dir_sync feature is not enabled for organization ${acme.id}; enable it in the organization's settings first`,
    );
    expect(refusalOf(new Error("socket hang up"))).toBeUndefined();
  });

  it("prints Scalekit's refusal when a feature is switched off in the dashboard while the link is being minted", async () => {
    const umbrella = (await client.organizations.findByExternalId("umbrella"))!;
    // The first PUT gets a 503 asking for a retry in 2 s; in between, dir_sync is switched off.
    handle.emulator.scriptFault({ kind: "unavailable", method: "PUT", path: /\/portal_links$/, retryAfterSeconds: 2 });
    const since = handle.emulator.requestLog.length;
    const running = portalLink("umbrella");
    while (!handle.emulator.requestLog.slice(since).some((entry) => entry.method === "PUT" && entry.status === 503)) await new Promise((resolve) => setTimeout(resolve, 20));
    await client.organizations.updateSettings(umbrella.id, [{ name: "dir_sync", enabled: false }]);
    const { code, out, err, calls: made } = await running;
    expect({ code, out }).toEqual({ code: 1, out: [] });
    expect(err).toEqual([
      `tenant umbrella: no admin portal link was minted: Scalekit refused the link: invalid features: the dir_sync feature is not enabled for organization ${umbrella.id}; enable it in the organization's settings first`,
    ]);
    expect(made).toEqual([
      "GET /api/v1/organizations:external/umbrella 200",
      `PUT /api/v1/organizations/${umbrella.id}/portal_links 503`,
      `PATCH /api/v1/organizations/${umbrella.id}/settings 200`, // the change made in the dashboard meanwhile
      `PUT /api/v1/organizations/${umbrella.id}/portal_links 400`,
    ]);
  });

  it("says which credentials are missing, without any value, and which tenant is unknown", async () => {
    await expect(runPortalLinkCommand(["acme"], { cwd: project, env: { SCALEKIT_CLIENT_SECRET: "s3cret" }, out: () => {}, err: () => {} })).rejects.toThrow(
      /^Scalekit credentials are not configured: missing scalekit:environmentUrl \(or SCALEKIT_ENVIRONMENT_URL\), scalekit:clientId \(or SCALEKIT_CLIENT_ID\)\./,
    );
    await expect(portalLink("umbrella-two")).rejects.toThrow("no tenant with key umbrella-two in tenants.yaml");
  });

  it("--stack: credentials from the stack's config file, before the environment", async () => {
    writeFileSync(path.join(project, "Pulumi.staging.yaml"), emulatorConfig());
    const out: string[] = [];
    const env = { SCALEKIT_ENVIRONMENT_URL: "https://elsewhere.scalekit.dev", SCALEKIT_CLIENT_ID: "skc_other", SCALEKIT_CLIENT_SECRET: "other" };
    const code = await runPortalLinkCommand(["acme", "--stack", "acme-saas/onboarding/staging"], { cwd: project, env, out: (line) => out.push(line), err: () => {} });
    expect(code).toBe(0);
    expect(out[1]).toMatch(new RegExp(`^${handle.emulator.url}/magicLink/`));
  });
});

describe("finding the tenant", () => {
  it("in a sharded project, in whichever shard holds it, with its portal features", () => {
    expect(findPortalLinkTarget({ projectDir: SAMPLE_LAYOUT, tenant: "massive-dynamic" })).toEqual({
      key: "massive-dynamic",
      name: "Massive Dynamic",
      organization: { externalId: "massive-dynamic" },
      features: ["sso"],
      tenantsFile: "tenants/i-r.yaml",
    });
    expect(findPortalLinkTarget({ projectDir: project, tenant: "acme" })).toMatchObject({ organization: { externalId: "acme-123" }, features: ["sso"], tenantsFile: "tenants.yaml" });
  });

  it("parses the command line", () => {
    expect(parsePortalLinkArguments(["acme", "--tenants", "tenants/a-h.yaml", "--features=dir_sync,sso"])).toEqual({ tenant: "acme", tenantsFile: "tenants/a-h.yaml", features: ["dir_sync", "sso"] });
    expect(parsePortalLinkArguments(["acme", "--stack", "prod"])).toEqual({ tenant: "acme", stack: "prod" });
    expect(() => parsePortalLinkArguments(["acme", "--features", "sso,scim"])).toThrow(new UsageError("--features takes sso, dir_sync (comma separated); got sso,scim"));
    expect(() => parsePortalLinkArguments([])).toThrow(new UsageError("expected one tenant key, got 0"));
    expect(() => parsePortalLinkArguments(["acme", "--tenant", "x"])).toThrow(new UsageError("unknown option --tenant"));
    expect(() => parsePortalLinkArguments(["acme", "--stack"])).toThrow(new UsageError("--stack needs a value"));
  });
});
