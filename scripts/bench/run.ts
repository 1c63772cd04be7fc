import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { generate } from "selfsigned";
import type { RequestLogEntry } from "pulumi-scalekit-emulator";
import { ScalekitClient } from "../../provider/api/client";
import { StandInStack, type OperationReport, type StackState } from "../../tools/engine-standin";
import { PACKAGE_ROOT } from "../package-root";
import { MINIMAL_CALLS_PER_TENANT } from "./generated-tenants";
import type { BenchOptions } from "./options";
import { RemoteEmulator } from "./remote-emulator";
import { readInventory, reconcile, type Reconciliation } from "./server-inventory";

/** The benchmark's program: N generated tenants (scripts/bench/program). */
const BENCH_PROJECT = path.join(PACKAGE_ROOT, "scripts", "bench", "program");

export interface PassFigures {
  pass: "create" | "no-change" | "refresh" | "destroy";
  operations: number;
  failed: number;
  apiCalls: number;
  throttled: number;
  /** From the engine's first call to the provider to its last. */
  wallMs: number;
  /** The whole operation, program and provider host start-up included. */
  totalMs: number;
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
  /** Token requests of the operation that made the most: each operation starts its own provider host, as each `pulumi` command does. */
  tokenRequestsPerOperation: number;
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
 * Onboards N generated tenants with the engine stand-in (the program run as Pulumi runs it, P steps in
 * flight, the real dynamic-provider host) against the emulator, then runs a no-change pass, a refresh
 * pass and a destroy pass, and compares what the server holds with the expected set.
 */
export async function runBench(options: BenchOptions, progress: (line: string) => void = () => {}): Promise<BenchResult> {
  const { cert } = await generate([{ name: "commonName", value: "Bench IdP" }], { keySize: 2048, algorithm: "sha256" });
  const emulator = await RemoteEmulator.start(options);
  const auditor = new ScalekitClient(emulator.credentials);
  const stateFolder = mkdtempSync(path.join(tmpdir(), "bench-state-"));
  try {
    const { environmentUrl, clientId, clientSecret } = emulator.credentials;
    const stack = StandInStack.open({
      projectDir: BENCH_PROJECT,
      stack: "bench",
      stateFile: path.join(stateFolder, "bench.json"),
      parallel: options.parallel,
      config: { tenants: String(options.tenants), certificate: cert, "scalekit:environmentUrl": environmentUrl, "scalekit:clientId": clientId, "scalekit:clientSecret": { secret: clientSecret } },
    });
    const passes: PassFigures[] = [];
    let hostTokens = 0;
    const measure = async (pass: PassFigures["pass"], run: () => Promise<OperationReport>) => {
      const start = await emulator.requestCount();
      const report = await run();
      const requests = await emulator.requests(start);
      hostTokens = Math.max(hostTokens, requests.filter((entry) => entry.path === "/oauth/token").length);
      const figures = passFigures(pass, report, requests);
      passes.push(figures);
      progress(`${pass}: ${figures.operations} operations, ${figures.apiCalls} API calls, ${figures.wallMs} ms (${figures.totalMs} ms with start-up)${report.ok ? "" : `; errors: ${report.errors.slice(0, 3).join("; ")}`}`);
      return report;
    };

    // The passes are measured alone, as `pulumi up --skip-preview` and `pulumi destroy --skip-preview` run.
    const created = await measure("create", () => stack.up({ skipPreview: true }));
    const audit = reconcile(await readInventory(auditor), created.state);
    await measure("no-change", () => stack.up({ skipPreview: true }));
    await measure("refresh", () => stack.refresh());
    await measure("destroy", () => stack.destroy({ skipPreview: true }));
    const remaining = await readInventory(auditor);
    const leftAfterDestroy = remaining.organizations.length + remaining.domains.length + remaining.connections.length;

    return figures(options, created.state, passes, hostTokens, audit, leftAfterDestroy);
  } finally {
    await auditor.close();
    await emulator.stop();
    rmSync(stateFolder, { recursive: true, force: true });
  }
}

const isCustom = (type: string) => type.startsWith("pulumi-nodejs:dynamic/");

function passFigures(pass: PassFigures["pass"], report: OperationReport, requests: RequestLogEntry[]): PassFigures {
  const api = requests.filter((entry) => entry.path.startsWith("/api/"));
  return {
    pass,
    operations: report.plan.filter((step) => isCustom(step.type)).length,
    failed: report.errors.length,
    apiCalls: api.length,
    throttled: api.filter((entry) => entry.status === 429).length,
    // From the engine's first call to the provider to its last: program and host start-up left out.
    wallMs: report.timing.stepsMs,
    totalMs: report.timing.totalMs,
  };
}

function figures(options: BenchOptions, state: StackState, passes: PassFigures[], hostTokens: number, audit: Reconciliation, leftAfterDestroy: number): BenchResult {
  const [create, noChange, refresh] = passes;
  const entries = state.resources.filter((resource) => resource.custom);
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
    tokenRequestsPerOperation: hostTokens,
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
