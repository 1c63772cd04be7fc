import { generate } from "selfsigned";
import type { RequestLogEntry } from "../../emulator";
import { ScalekitClient } from "../../provider/api/client";
import { captureProgram, emptyState, Engine, ProviderHost, secretEnvelope, type EngineState, type PassReport } from "../engine";
import { PACKAGE_ROOT } from "../package-root";
import { declareTenants, MINIMAL_CALLS_PER_TENANT } from "./generated-tenants";
import type { BenchOptions } from "./options";
import { RemoteEmulator } from "./remote-emulator";
import { readInventory, reconcile, type Reconciliation } from "./server-inventory";


export interface PassFigures {
  pass: "create" | "no-change" | "refresh" | "destroy";
  operations: number;
  failed: number;
  apiCalls: number;
  throttled: number;
  wallMs: number;
}

/** The figures `npm run bench` prints as its last line. */
export interface BenchResult {
  tenants: number;
  resources: number;
  parallel: number;
  latencyMs: number;
  faultRate: number;
  rateLimit: number | null;
  apiCallsPerTenant: number;
  minimalCallsPerTenant: number;
  noChangeCalls: number;
  refreshCallsPerResource: number;
  stateBytesPerResource: number;
  tokenRequests: number;
  wallMs: number;
  boundMs: number;
  ratio: number;
  /** Successful management API calls per minute during the create pass (compare with rateLimit). */
  throughputPerMinute: number;
  duplicates: number;
  orphans: number;
  failed: number;
  /** Objects of the bench still on the server after the destroy pass. */
  leftAfterDestroy: number;
  passes: PassFigures[];
}

/**
 * Onboards N generated tenants through the real dynamic-provider host (the engine's view, P operations
 * in flight) against the emulator, then runs a no-change pass, a refresh pass and a destroy pass, and
 * compares what the server holds with the expected set.
 */
export async function runBench(options: BenchOptions, progress: (line: string) => void = () => {}): Promise<BenchResult> {
  const { cert } = await generate([{ name: "commonName", value: "Bench IdP" }], { keySize: 2048, algorithm: "sha256" });
  const emulator = await RemoteEmulator.start(options);
  const host = await ProviderHost.start({ cwd: PACKAGE_ROOT });
  const auditor = new ScalekitClient(emulator.credentials);
  try {
    const { environmentUrl, clientId, clientSecret } = emulator.credentials;
    const config = { "scalekit:environmentUrl": environmentUrl, "scalekit:clientId": clientId, "scalekit:clientSecret": secretEnvelope(clientSecret) };
    const engine = new Engine(host, { parallel: options.parallel, config });
    const program = await captureProgram(() => declareTenants(options.tenants, cert));
    const passes: PassFigures[] = [];
    let hostTokens = 0;
    const measure = async (pass: PassFigures["pass"], run: () => Promise<PassReport>) => {
      const start = await emulator.requestCount();
      const report = await run();
      const requests = await emulator.requests(start);
      hostTokens += requests.filter((entry) => entry.path === "/oauth/token").length;
      const figures = passFigures(pass, report, requests);
      passes.push(figures);
      progress(`${pass}: ${figures.operations} operations, ${figures.apiCalls} API calls, ${figures.wallMs} ms`);
      return report;
    };

    const created = await measure("create", () => engine.up(program, emptyState()));
    const audit = reconcile(await readInventory(auditor), created.state);
    await measure("no-change", () => engine.up(program, created.state));
    const refreshed = await measure("refresh", () => engine.refresh(created.state));
    await measure("destroy", () => engine.destroy(refreshed.state, { unprotect: true }));
    const remaining = await readInventory(auditor);
    const leftAfterDestroy = remaining.organizations.length + remaining.domains.length + remaining.connections.length;

    return figures(options, created.state, passes, hostTokens, audit, leftAfterDestroy);
  } finally {
    host.stop();
    await auditor.close();
    await emulator.stop();
  }
}

function passFigures(pass: PassFigures["pass"], report: PassReport, requests: RequestLogEntry[]): PassFigures {
  const api = requests.filter((entry) => entry.path.startsWith("/api/"));
  return {
    pass,
    operations: report.operations.length,
    failed: report.operations.filter((operation) => operation.kind === "failed" || operation.kind === "skipped").length,
    apiCalls: api.length,
    throttled: api.filter((entry) => entry.status === 429).length,
    wallMs: report.durationMs,
  };
}

function figures(options: BenchOptions, state: EngineState, passes: PassFigures[], hostTokens: number, audit: Reconciliation, leftAfterDestroy: number): BenchResult {
  const [create, noChange, refresh] = passes;
  const entries = Object.values(state.resources);
  const stateBytes = entries.reduce((sum, entry) => sum + JSON.stringify({ inputs: entry.inputs, outputs: entry.outputs }).length, 0);
  const latencyBound = (create.apiCalls * options.latencyMs) / options.parallel;
  const successful = create.apiCalls - create.throttled;
  const rateBound = options.rateLimit ? (successful / options.rateLimit) * 60_000 : 0;
  const boundMs = Math.max(latencyBound, rateBound);
  const round = (value: number, digits = 2) => Number(value.toFixed(digits));
  return {
    tenants: options.tenants,
    resources: entries.length,
    parallel: options.parallel,
    latencyMs: options.latencyMs,
    faultRate: options.faultRate,
    rateLimit: options.rateLimit ?? null,
    apiCallsPerTenant: round(create.apiCalls / options.tenants),
    minimalCallsPerTenant: MINIMAL_CALLS_PER_TENANT,
    noChangeCalls: noChange.apiCalls,
    refreshCallsPerResource: round(refresh.apiCalls / Math.max(1, refresh.operations)),
    stateBytesPerResource: Math.round(stateBytes / Math.max(1, entries.length)),
    tokenRequests: hostTokens,
    wallMs: create.wallMs,
    boundMs: Math.round(boundMs),
    ratio: boundMs > 0 ? round(create.wallMs / boundMs) : 0,
    throughputPerMinute: Math.round((successful / Math.max(1, create.wallMs)) * 60_000),
    duplicates: audit.duplicates,
    orphans: audit.orphans + audit.missing,
    failed: passes.reduce((sum, pass) => sum + pass.failed, 0),
    leftAfterDestroy,
    passes,
  };
}
