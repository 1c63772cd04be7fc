import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { captureProgram, emptyState, Engine, ProviderHost, type EngineState, type OperationReport, type PassReport } from "../../scripts/engine";
import { onboardingStack } from "../../stack/onboarding";
import { SAMPLE_TENANTS, writeSampleVariant } from "../helpers/sample-tenants";
import { calls, clientFor, useEmulator } from "../helpers/emulator";

/*
 * The sample tenants.yaml end to end: the resources the root stack registers under mocks, played through
 * the real dynamic-provider host against the emulator as `pulumi up` would play them.
 */
const ROOT = path.resolve(__dirname, "../..");
const SAMPLE = SAMPLE_TENANTS;
const SECRET_VARIABLE = "GLOBEX_ENTRA_CLIENT_SECRET";
const env = useEmulator();
let host: ProviderHost;
let engine: Engine;
let scratch: string;
let state: EngineState = emptyState();

const capture = (tenantsFile: string, recorded?: EngineState) =>
  captureProgram(() => onboardingStack({ tenantsFile }), { project: "scalekit-onboarding", stack: "dev", state: recorded });

const kinds = (report: PassReport) => Object.fromEntries(report.operations.map((operation) => [operation.name, operation.kind]));
const failures = (report: PassReport) => report.operations.filter((operation) => operation.error).map((operation: OperationReport) => `${operation.name}: ${operation.error}`);
const apiCalls = (since: number) => calls(env.emulator, since).filter((line) => !line.startsWith("POST /oauth/token"));

beforeAll(async () => {
  process.env[SECRET_VARIABLE] = "globex-entra-secret";
  scratch = mkdtempSync(path.join(tmpdir(), "engine-"));
  host = await ProviderHost.start({ cwd: ROOT, project: "scalekit-onboarding" });
  engine = new Engine(host, {
    parallel: 4,
    config: {
      "scalekit:environmentUrl": env.emulator.url,
      "scalekit:clientId": env.emulator.clientId,
      "scalekit:clientSecret": env.emulator.clientSecret,
    },
  });
});
afterAll(async () => {
  await host?.stop();
  rmSync(scratch, { recursive: true, force: true });
  delete process.env[SECRET_VARIABLE];
});

describe("the sample tenants through the dynamic-provider host", () => {
  test("up creates every resource, in dependency order", async () => {
    const report = await engine.up(await capture(SAMPLE), state);
    expect(failures(report)).toEqual([]);
    expect(kinds(report)).toEqual({
      acme: "create", "acme/acmecorp.com": "create", "acme/acme.io": "create", "acme/sso": "create", "acme/admin-portal": "create",
      globex: "create", "globex/globex.com": "create", "globex/sso": "create",
      initech: "create", "initech/initech.com": "create",
    });
    const finished = (name: string) => report.operations.findIndex((operation) => operation.name === name);
    expect(finished("acme")).toBeLessThan(finished("acme/acmecorp.com"));
    expect(finished("acme/acme.io")).toBeLessThan(finished("acme/sso"));
    expect(finished("acme/sso")).toBeLessThan(finished("acme/admin-portal"));
    state = report.state;

    const { organizations } = await withClient((client) => client.organizations.listPage({ pageSize: 100 }));
    expect(organizations.map((organization) => organization.external_id).sort()).toEqual(["acme-123", "globex", "initech"]);
  });

  test("a second up with nothing changed makes zero API calls: check and diff only", async () => {
    const since = env.emulator.requestLog.length;
    const report = await engine.up(await capture(SAMPLE), state);
    expect(failures(report)).toEqual([]);
    expect(new Set(report.operations.map((operation) => operation.kind))).toEqual(new Set(["same"]));
    expect(new Set(report.operations.map((operation) => operation.calls.join(",")))).toEqual(new Set(["check,diff"]));
    expect(calls(env.emulator, since)).toEqual([]);
    state = report.state;
  });

  test("the hand-off bundles carry what the customers' IT admins need", async () => {
    const { tenants } = (await capture(SAMPLE, state)).result;
    const value = <T>(output: unknown) => new Promise<T>((resolve) => (output as { apply(f: (v: T) => void): void }).apply(resolve));
    const organizationOf = (name: string) => Object.values(state.resources).find((entry) => entry.name === name)!.id;

    expect(await value(tenants.acme.organizationId)).toBe(organizationOf("acme"));
    // Domains created through the API are admin-verified: nothing for the IT admin to publish.
    expect(await value(tenants.acme.dnsTxtRecords)).toEqual([]);
    expect(await value(tenants.acme.sso!.acsUrl)).toMatch(new RegExp(`^${env.emulator.url}/`));
    expect(await value(tenants.acme.sso!.spEntityId)).toBeTruthy();
    expect(await value(tenants.acme.sso!.spMetadataUrl)).toMatch(/^http/);
    expect(await value(tenants.acme.sso!.status)).toBe("COMPLETED");
    expect(await value(tenants.acme.sso!.enabled)).toBe(false);
    expect(await value(tenants.acme.adminPortal!.link)).toMatch(new RegExp(`^${env.emulator.url}/magicLink/`));
    expect(await (tenants.acme.adminPortal!.link as any).isSecret).toBe(true);
    expect(await value(tenants.globex.sso!.redirectUri)).toMatch(/^http/);
    expect(await value(tenants.initech.dnsTxtRecords)).toEqual([]);
  });

  test("editing one tenant touches only that tenant's resources", async () => {
    const edited = writeTenants("edited.yaml", (document) => {
      const globex = document.tenants.find((tenant: { key: string }) => tenant.key === "globex");
      globex.name = "Globex International";
      globex.domains.push("globex.io");
    });
    const since = env.emulator.requestLog.length;
    const report = await engine.up(await capture(edited), state);
    expect(failures(report)).toEqual([]);
    const touched = report.operations.filter((operation) => operation.kind !== "same").map((operation) => `${operation.name} ${operation.kind}`);
    expect(touched.sort()).toEqual(["globex update", "globex/globex.io create"]);
    const globexId = report.state.resources[Object.keys(report.state.resources).find((urn) => urn.endsWith("::globex"))!].id;
    expect(apiCalls(since).length).toBeGreaterThan(0);
    expect(apiCalls(since).filter((line) => !line.includes(globexId))).toEqual([]);
    state = report.state;
  });

  test("refresh reads everything back without drift", async () => {
    const report = await engine.refresh(state);
    expect(failures(report)).toEqual([]);
    expect(report.operations.filter((operation) => operation.drift).map((operation) => operation.name)).toEqual([]);
    state = report.state;
  });

  test("destroy refuses the protected organizations, then deletes everything once unprotected", async () => {
    const guarded = await engine.destroy(state);
    expect(Object.entries(kinds(guarded)).filter(([, kind]) => kind !== "delete").sort()).toEqual([
      ["acme", "failed"], ["globex", "failed"], ["initech", "failed"],
    ]);
    expect(Object.keys(guarded.state.resources).map((urn) => urn.split("::").pop()).sort()).toEqual(["acme", "globex", "initech"]);

    const report = await engine.destroy(guarded.state, { unprotect: true });
    expect(failures(report)).toEqual([]);
    expect(report.state.resources).toEqual({});
    expect((await withClient((client) => client.organizations.listPage({ pageSize: 100 }))).organizations).toEqual([]);
    expect(await withClient((client) => client.connections.list({ includeAll: true }))).toEqual([]);
  });
});

async function withClient<T>(use: (client: ReturnType<typeof clientFor>) => Promise<T>): Promise<T> {
  const client = clientFor(env.emulator);
  try {
    return await use(client);
  } finally {
    await client.close();
  }
}

function writeTenants(name: string, transform: (document: any) => void): string {
  return writeSampleVariant(scratch, name, transform);
}
