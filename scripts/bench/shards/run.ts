import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { generate } from "selfsigned";
import { ScalekitClient } from "../../../provider/api/client";
import { requestCapPerShard } from "../../../provider/tenant/shards/request-cap";
import type { StackState } from "../../../tools/engine-standin";
import { PACKAGE_ROOT } from "../../package-root";
import { tenantKey } from "../generated-tenants";
import { RemoteEmulator } from "../remote-emulator";
import { readInventory, reconcile } from "../server-inventory";
import { shardRanges, type ShardedBenchOptions, type ShardRange } from "./options";
import type { ShardOutcome } from "./shard-messages";
import { ShardRunner } from "./shard-runner";
import { TrafficMeter, type ShardTraffic } from "./traffic-meter";

const BENCH_PROJECT = path.join(PACKAGE_ROOT, "scripts", "bench", "program");
/** Organization, two domains, SAML connection, portal link. */
const RESOURCES_PER_TENANT = 5;

export interface ShardFigures extends ShardTraffic {
  shard: string;
  tenants: number;
  /** The shard's `scalekit:requestsPerMinute`; null when it runs without a cap. */
  requestsPerMinute: number | null;
  operations: number;
  /** Steps that failed. */
  failed: number;
  /** What stopped the shard's update, if anything did (the first few). */
  errors: string[];
  /** From the shard's first provider call to its last. */
  wallMs: number;
  /** The shard's whole `up`, program and provider host start-up included. */
  totalMs: number;
  /** Accepted (not 429) management API calls per minute of the shard's wall time. */
  callsPerMinute: number;
  /** The update succeeded and the state holds every tenant of the shard's range with all its resources. */
  finished: boolean;
}

export interface ShardedRunFigures {
  caps: "per-shard" | "none";
  capPerShard: number | null;
  shards: ShardFigures[];
  total: {
    operations: number;
    failed: number;
    apiCalls: number;
    throttled: number;
    /** From the environment's first management API request to its last, all shards together. */
    wallMs: number;
    /** Accepted management API calls per minute over that wall time. */
    throughputPerMinute: number;
    /** throughputPerMinute ÷ the environment's limit. */
    shareOfLimit: number;
    slowestWallMs: number;
    averageWallMs: number;
    /** The slowest shard's wall time ÷ the average: 1 when no shard waited on the others. */
    slowestVsAverage: number;
    /** Tenants whose organization the server holds, of those generated. */
    tenantsCreated: number;
    duplicates: number;
    orphans: number;
    unfinishedShards: number;
  };
}

export interface ShardedBenchResult {
  shards: number;
  tenants: number;
  rateLimit: number;
  latencyMs: number;
  parallel: number;
  runs: ShardedRunFigures[];
}

/**
 * S shard processes, each its own engine stand-in stack with its own program and dynamic-provider
 * host, onboard disjoint ranges of N generated tenants at the same time against one emulator that
 * enforces the environment's rate limit R: once with each shard capped at requestCapPerShard(R, S)
 * (`scalekit:requestsPerMinute`), once without caps (each provider's adaptive budget alone).
 */
export async function runShardedBench(options: ShardedBenchOptions, progress: (line: string) => void = () => {}): Promise<ShardedBenchResult> {
  const { cert } = await generate([{ name: "commonName", value: "Bench IdP" }], { keySize: 2048, algorithm: "sha256" });
  const modes: Array<ShardedRunFigures["caps"]> = options.caps === "both" ? ["per-shard", "none"] : [options.caps];
  const runs: ShardedRunFigures[] = [];
  for (const caps of modes) {
    const run = await runOnce(options, caps, cert);
    runs.push(run);
    const { total } = run;
    progress(
      `${caps === "none" ? "without caps" : `capped at ${run.capPerShard}/min per shard`}: ${total.failed} failed, ${total.throttled} of ${total.apiCalls} calls throttled, ` +
        `${total.throughputPerMinute}/min (${Math.round(total.shareOfLimit * 100)}% of ${options.rateLimit}), slowest shard ${total.slowestVsAverage}× the average`,
    );
  }
  const { shards, tenants, rateLimit, latencyMs, parallel } = options;
  return { shards, tenants, rateLimit, latencyMs, parallel, runs };
}

async function runOnce(options: ShardedBenchOptions, caps: ShardedRunFigures["caps"], certificate: string): Promise<ShardedRunFigures> {
  const capPerShard = caps === "per-shard" ? requestCapPerShard(options.rateLimit, options.shards) : null;
  const ranges = shardRanges(options.tenants, options.shards);
  const emulator = await RemoteEmulator.start({ ...options, faultRate: 0 });
  const auditor = new ScalekitClient(emulator.credentials);
  const stateFolder = mkdtempSync(path.join(tmpdir(), "bench-shards-"));
  const meters: TrafficMeter[] = [];
  const runners: ShardRunner[] = [];
  try {
    for (const _range of ranges) meters.push(await TrafficMeter.start(emulator.url));
    const { clientId, clientSecret } = emulator.credentials;
    runners.push(
      ...(await Promise.all(
        ranges.map((range, index) =>
          ShardRunner.open({
            shard: range.shard,
            projectDir: BENCH_PROJECT,
            stateFile: path.join(stateFolder, `${range.shard}.json`),
            parallel: options.parallel,
            config: {
              tenants: String(range.tenants),
              firstTenant: String(range.firstTenant),
              certificate,
              "scalekit:environmentUrl": meters[index].url,
              "scalekit:clientId": clientId,
              "scalekit:clientSecret": { secret: clientSecret },
              ...(capPerShard === null ? {} : { "scalekit:requestsPerMinute": String(capPerShard) }),
            },
          }),
        ),
      )),
    );
    // All shards start their `up` together, as CI jobs released by one merge do.
    const outcomes = await Promise.all(runners.map((runner) => runner.go()));
    const api = (await emulator.requests()).filter((entry) => entry.path.startsWith("/api/"));
    const inventory = await readInventory(auditor);
    const state = { resources: outcomes.flatMap((outcome) => outcome.resources), config: {} } satisfies StackState;
    const audit = reconcile(inventory, state);
    const expectedKeys = new Set(Array.from({ length: options.tenants }, (_, index) => tenantKey(index)));
    const shards = ranges.map((range, index) => shardFigures(range, capPerShard, outcomes[index], meters[index].traffic));
    const walls = shards.map((shard) => shard.wallMs);
    const wallMs = api.length ? api[api.length - 1].at - api[0].at : 0;
    const accepted = api.filter((entry) => entry.status !== 429).length;
    const throughputPerMinute = Math.round((accepted / Math.max(1, wallMs)) * 60_000);
    const averageWallMs = Math.round(walls.reduce((sum, wall) => sum + wall, 0) / walls.length);
    return {
      caps,
      capPerShard,
      shards,
      total: {
        operations: sum(shards, "operations"),
        failed: sum(shards, "failed"),
        apiCalls: api.length,
        throttled: api.length - accepted,
        wallMs,
        throughputPerMinute,
        shareOfLimit: round(throughputPerMinute / options.rateLimit),
        slowestWallMs: Math.max(...walls),
        averageWallMs,
        slowestVsAverage: round(Math.max(...walls) / Math.max(1, averageWallMs)),
        tenantsCreated: inventory.organizations.filter((organization) => organization.externalId && expectedKeys.has(organization.externalId)).length,
        duplicates: audit.duplicates,
        orphans: audit.orphans + audit.missing,
        unfinishedShards: shards.filter((shard) => !shard.finished).length,
      },
    };
  } finally {
    await Promise.all(runners.map((runner) => runner.stop()));
    await Promise.all(meters.map((meter) => meter.close()));
    await auditor.close();
    await emulator.stop();
    rmSync(stateFolder, { recursive: true, force: true });
  }
}

function shardFigures(range: ShardRange, cap: number | null, outcome: ShardOutcome, traffic: ShardTraffic): ShardFigures {
  const accepted = traffic.apiCalls - traffic.throttled;
  return {
    shard: range.shard,
    tenants: range.tenants,
    requestsPerMinute: cap,
    ...traffic,
    operations: outcome.operations,
    failed: outcome.failedSteps,
    errors: outcome.errors,
    wallMs: outcome.stepsMs,
    totalMs: outcome.totalMs,
    callsPerMinute: Math.round((accepted / Math.max(1, outcome.stepsMs)) * 60_000),
    finished: outcome.ok && outcome.tenantsInState === range.tenants && outcome.resources.length === range.tenants * RESOURCES_PER_TENANT,
  };
}

const sum = <K extends "operations" | "failed">(shards: ShardFigures[], key: K) => shards.reduce((total, shard) => total + shard[key], 0);
const round = (value: number) => Number(value.toFixed(2));
