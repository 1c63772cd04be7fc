import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { stringify } from "yaml";
import { loadShards, ShardsError } from "../../provider";
import { PACKAGE_ROOT } from "../../scripts/package-root";
import { changes, nameOf, StandInStack, type OperationReport } from "../../tools/engine-standin";
import { selfSignedCertificate } from "../helpers/certificates";
import { useEmulator } from "../helpers/emulator";
import { useStateFolder } from "../helpers/state-folder";
import { summary } from "./onboarding-scenario";

/*
 * Moving tenants from one shard to another (docs/onboarding.md, "Moving a tenant to another shard"),
 * through the engine stand-in with the root stack of a sharded project: step 1, `moving: true` in the
 * old shard; step 2, one change that takes the entries out of the old file and into the new one with
 * `adopt: true`. Scalekit is never written to: no create, no delete, no update.
 */
jest.setTimeout(180_000);
const env = useEmulator();
const states = useStateFolder();
let project: string;
let oldShard: StandInStack;
let newShard: StandInStack;
let hooliCertificate: string;
/** Scalekit's ids of the moved tenants' objects, by resource name, as the old shard made them. */
let movedIds: Record<string, string>;
/** Where the request log stood when the move began. */
let moveStart: number;

const GLOBEX_SECRET = "GLOBEX_ENTRA_CLIENT_SECRET";
const MOVED = ["globex", "hooli"];

function tenantsOf(shard: "a-h" | "s-z", tenants: object[]): void {
  writeFileSync(path.join(project, "tenants", `${shard}.yaml`), stringify({ tenants }));
}

const acme = { key: "acme", name: "Acme Corp", domains: ["acmecorp.com"] };
const soylent = { key: "soylent", name: "Soylent", domains: ["soylent.com"] };
const globex = {
  key: "globex",
  name: "Globex Corporation",
  externalId: "globex-77",
  features: { sso: true },
  domains: ["globex.com", { domain: "globex.io", type: "ALLOWED_EMAIL_DOMAIN" }],
  sso: { provider: "MICROSOFT_AD", oidc: { issuer: "https://login.microsoftonline.com/globex/v2.0", clientId: "globex-app", clientSecret: { env: GLOBEX_SECRET } }, enabled: false },
};
const hooli = () => ({
  key: "hooli",
  name: "Hooli",
  metadata: { plan: "enterprise" },
  domains: ["hooli.com"],
  sso: { provider: "OKTA", saml: { entityId: "http://www.okta.com/exkhooli", ssoUrl: "https://hooli.okta.com/app/sso/saml", certificate: hooliCertificate }, attributeMapping: { email: "user.email" } },
});

beforeAll(async () => {
  hooliCertificate = (await selfSignedCertificate({ commonName: "Hooli Okta" })).cert;
  project = mkdtempSync(path.join(tmpdir(), "move-"));
  mkdirSync(path.join(project, "tenants"));
  // The root stack's compiled program, run from a sharded project of its own.
  writeFileSync(
    path.join(project, "Pulumi.yaml"),
    stringify({ name: "scalekit-onboarding", runtime: { name: "nodejs", options: { typescript: false } }, main: path.join(PACKAGE_ROOT, "dist", "index.js") }),
  );
  writeFileSync(path.join(project, "shards.yaml"), stringify({ tenants: "tenants", stack: "prod-{shard}", requestsPerMinute: 600, shardsAtOnce: 2, github: { matrix: "scalekit-shards.json" } }));
  tenantsOf("a-h", [acme, globex, hooli()]);
  tenantsOf("s-z", [soylent]);
  const config = { "scalekit:environmentUrl": env.emulator.url, "scalekit:clientId": env.emulator.clientId, "scalekit:clientSecret": { secret: env.emulator.clientSecret } };
  const open = (stack: string) => StandInStack.open({ projectDir: project, stack, config, env: { [GLOBEX_SECRET]: "globex-entra-secret" }, parallel: 8, stateFile: states.file(stack) });
  oldShard = await open("prod-a-h");
  newShard = await open("prod-s-z");
});
afterAll(() => rmSync(project, { recursive: true, force: true }));

const writes = (since: number) => env.emulator.requestLog.slice(since).filter((entry) => entry.method !== "GET" && entry.path !== "/oauth/token").map((entry) => `${entry.method} ${entry.path}`);
const apiCalls = (since: number) => env.emulator.requestLog.slice(since).filter((entry) => entry.path !== "/oauth/token").map((entry) => `${entry.method} ${entry.path}`);
const movedResources = (stack: StandInStack) => stack.state.resources.filter((resource) => resource.custom && MOVED.some((key) => nameOf(resource.urn) === key || nameOf(resource.urn).startsWith(`${key}/`)));
const ok = (report: OperationReport) => expect(report.errors).toEqual([]);

describe("moving tenants to another shard", () => {
  test("before: each shard has onboarded its tenants", async () => {
    ok(await oldShard.up());
    ok(await newShard.up());
    movedIds = Object.fromEntries(movedResources(oldShard).map((resource) => [nameOf(resource.urn), resource.id!]));
    expect(Object.keys(movedIds).sort()).toEqual(["globex", "globex/globex.com", "globex/globex.io", "globex/sso", "hooli", "hooli/hooli.com", "hooli/sso"]);
  });

  test("without step 1, the old shard's preview shows what would go wrong: the customers' domains and connections deleted", async () => {
    tenantsOf("a-h", [acme]);
    const since = env.emulator.requestLog.length;
    const preview = await oldShard.preview();
    expect(summary(preview.plan)).toEqual([
      "delete Domain globex/globex.com", "delete Domain globex/globex.io", "delete Domain hooli/hooli.com",
      "delete Organization globex refused", "delete Organization hooli refused",
      "delete SSOConnection globex/sso", "delete SSOConnection hooli/sso", "delete Tenant globex not done", "delete Tenant hooli not done",
    ]);
    expect(apiCalls(since)).toEqual([]);
    tenantsOf("a-h", [acme, globex, hooli()]);
  });

  test("step 1, the old shard: `moving: true` changes only resource options (protect off, retain on delete): no step, no API call", async () => {
    moveStart = env.emulator.requestLog.length;
    tenantsOf("a-h", [acme, { ...globex, moving: true }, { ...hooli(), moving: true }]);
    const preview = await oldShard.preview();
    ok(preview);
    const up = await oldShard.up();
    ok(up);
    expect(changes(preview.plan)).toEqual([]);
    expect(changes(up.plan)).toEqual([]);
    expect(new Set(up.calls.map((call) => call.method))).toEqual(new Set(["check", "diff"]));
    expect(apiCalls(moveStart)).toEqual([]);
    expect(movedResources(oldShard).map((resource) => [nameOf(resource.urn), resource.protect, resource.retainOnDelete]).sort()).toEqual(
      Object.keys(movedIds).sort().map((name) => [name, false, true]),
    );
    expect(oldShard.state.resources.find((resource) => resource.custom && nameOf(resource.urn) === "acme")).toMatchObject({ protect: true, retainOnDelete: false });
  });

  test("the shards refuse a tenant in two files at once, pointing at the procedure", () => {
    tenantsOf("s-z", [soylent, { ...hooli(), adopt: true }]);
    let problems: string[] = [];
    try {
      loadShards(path.join(project, "shards.yaml"));
    } catch (error) {
      if (!(error instanceof ShardsError)) throw error;
      problems = error.problems.map((problem) => `${problem.file} | ${problem.tenant} | ${problem.field} | ${problem.rule}`);
    }
    expect(problems).toContain(
      "tenants/s-z.yaml | hooli | key | hooli is already the key of tenant hooli (tenants/a-h.yaml:24); keys must be unique; a tenant moves between shards in two steps, and is in one file at a time (docs/onboarding.md#moving-a-tenant-to-another-shard)",
    );
    tenantsOf("s-z", [soylent]);
  });

  test("step 2, one change: the entries leave the old file and join the new one with adopt: true; the new shard adopts with GETs only", async () => {
    tenantsOf("a-h", [acme]);
    tenantsOf("s-z", [soylent, { ...globex, adopt: true }, { ...hooli(), adopt: true }]);
    expect(loadShards(path.join(project, "shards.yaml")).shards.map((shard) => shard.tenantKeys)).toEqual([["acme"], ["soylent", "globex", "hooli"]]);

    const preview = await newShard.preview();
    ok(preview);
    expect(summary(preview.plan).filter((step) => step.startsWith("create") && !/Tenant|Stack/.test(step))).toEqual([
      "create Domain globex/globex.com", "create Domain globex/globex.io", "create Domain hooli/hooli.com",
      "create Organization globex", "create Organization hooli", "create SSOConnection globex/sso", "create SSOConnection hooli/sso",
    ]);
    const since = env.emulator.requestLog.length;
    const up = await newShard.up();
    ok(up);
    expect(writes(since)).toEqual([]);
    expect(Object.fromEntries(movedResources(newShard).map((resource) => [nameOf(resource.urn), resource.id]))).toEqual(movedIds);
    // Adopted as they were: the connections keep their state (hooli's enabled, globex's not).
    expect(Object.fromEntries(movedResources(newShard).filter((resource) => nameOf(resource.urn).endsWith("/sso")).map((resource) => [nameOf(resource.urn), resource.outputs.enabled]))).toEqual({ "globex/sso": false, "hooli/sso": true });
  });

  test("step 2, the old shard: the tenants leave its state without a Delete call", async () => {
    const since = env.emulator.requestLog.length;
    const up = await oldShard.up();
    ok(up);
    expect(summary(up.plan)).toEqual([
      "delete Domain globex/globex.com", "delete Domain globex/globex.io", "delete Domain hooli/hooli.com",
      "delete Organization globex", "delete Organization hooli", "delete SSOConnection globex/sso", "delete SSOConnection hooli/sso",
      "delete Tenant globex", "delete Tenant hooli",
    ]);
    expect(up.calls.filter((call) => call.method === "delete")).toEqual([]);
    expect(apiCalls(since)).toEqual([]);
    expect(movedResources(oldShard)).toEqual([]);
  });

  test("after: both steps together made no write (no create, no delete, no update); each shard's next up has no steps and no call", async () => {
    expect(writes(moveStart)).toEqual([]);
    const since = env.emulator.requestLog.length;
    for (const shard of [newShard, oldShard]) {
      const up = await shard.up();
      ok(up);
      expect(changes(up.plan)).toEqual([]);
    }
    expect(apiCalls(since)).toEqual([]);
  });

  test("adopt: true can stay or go once the tenants are in the new shard's state: no step either way", async () => {
    tenantsOf("s-z", [soylent, globex, hooli()]);
    const up = await newShard.up();
    ok(up);
    expect(changes(up.plan)).toEqual([]);
  });
});
