import { isShardedBench, parseShardedBenchArguments, shardRanges } from "../../scripts/bench/shards/options";
import { runShardedBench, type ShardedBenchResult } from "../../scripts/bench/shards/run";

/*
 * Several shards at once against one rate-limited environment, at a size that keeps CI fast: each
 * shard a process of its own (its engine stand-in, program and dynamic-provider host, from dist/,
 * built by `npm test`). Times and throughput are reported by `npm run bench -- --shards`, never asserted.
 */
describe("sharded benchmark", () => {
  let result: ShardedBenchResult;
  beforeAll(async () => {
    result = await runShardedBench(parseShardedBenchArguments(["--shards", "3", "--tenants", "7", "--rate-limit", "600", "--latency-ms", "0", "--parallel", "4"]));
  }, 240_000);

  test("runs capped at the cap rule's share, then without caps", () => {
    expect(result.runs.map((run) => [run.caps, run.capPerShard, run.shards.map((shard) => shard.requestsPerMinute)])).toEqual([
      ["per-shard", 200, [200, 200, 200]],
      ["none", null, [null, null, null]],
    ]);
  });

  test.each([["per-shard"], ["none"]])("%s: 0 failed operations, every tenant created once, no shard left with unfinished work", (caps) => {
    const run = result.runs.find((candidate) => candidate.caps === caps)!;
    expect(run.shards.map(({ shard, tenants, failed, errors, finished, operations }) => ({ shard, tenants, failed, errors, finished, operations }))).toEqual([
      { shard: "shard-1", tenants: 3, failed: 0, errors: [], finished: true, operations: 15 },
      { shard: "shard-2", tenants: 2, failed: 0, errors: [], finished: true, operations: 10 },
      { shard: "shard-3", tenants: 2, failed: 0, errors: [], finished: true, operations: 10 },
    ]);
    expect(run.total).toMatchObject({ failed: 0, tenantsCreated: 7, duplicates: 0, orphans: 0, unfinishedShards: 0, operations: 35 });
  });

  test("without caps the shards together run into the environment's limit, and still nothing fails", () => {
    expect(result.runs[1].total.throttled).toBeGreaterThan(0);
  });

  test.each([["per-shard"], ["none"]])("%s: every request is told to its shard, each shard used one token", (caps) => {
    const run = result.runs.find((candidate) => candidate.caps === caps)!;
    expect(run.shards.reduce((sum, shard) => sum + shard.apiCalls, 0)).toBe(run.total.apiCalls);
    expect(run.shards.reduce((sum, shard) => sum + shard.throttled, 0)).toBe(run.total.throttled);
    expect(run.shards.map((shard) => shard.tokenRequests)).toEqual([1, 1, 1]);
    // Each tenant needs at least the minimal calls; the shards share nothing.
    for (const shard of run.shards) expect(shard.apiCalls - shard.throttled).toBeGreaterThanOrEqual(shard.tenants * 8);
  });
});

describe("sharded bench options", () => {
  test("the mode, flags and defaults", () => {
    expect(isShardedBench(["--tenants", "9"])).toBe(false);
    expect(isShardedBench(["--shards=3"])).toBe(true);
    expect(parseShardedBenchArguments(["--shards", "4", "--tenants=400", "--rate-limit", "1200"])).toEqual({
      shards: 4, tenants: 400, rateLimit: 1200, latencyMs: 20, parallel: 10, caps: "both", seed: 1,
    });
    expect(parseShardedBenchArguments(["--shards", "2", "--tenants", "2", "--rate-limit", "60", "--caps", "none"]).caps).toBe("none");
  });

  test.each([
    [["--shards", "3", "--tenants", "9"], "--shards, --tenants and --rate-limit are required"],
    [["--shards", "4", "--tenants", "3", "--rate-limit", "600"], "--tenants (3) must be at least --shards (4)"],
    [["--shards", "2", "--tenants", "4", "--rate-limit", "600", "--fault-rate", "0.1"], "unknown option --fault-rate in the sharded mode"],
    [["--shards", "2", "--tenants", "4", "--rate-limit", "600", "--caps", "some"], "--caps takes both, per-shard, none, got some"],
  ])("%j is refused: %s", (argv, message) => {
    expect(() => parseShardedBenchArguments(argv)).toThrow(message);
  });

  test("disjoint ranges covering every tenant, sizes differing by at most one", () => {
    expect(shardRanges(7, 3)).toEqual([
      { shard: "shard-1", firstTenant: 0, tenants: 3 },
      { shard: "shard-2", firstTenant: 3, tenants: 2 },
      { shard: "shard-3", firstTenant: 5, tenants: 2 },
    ]);
    const ranges = shardRanges(1000, 6);
    expect(ranges.reduce((sum, range) => sum + range.tenants, 0)).toBe(1000);
    ranges.slice(1).forEach((range, index) => expect(range.firstTenant).toBe(ranges[index].firstTenant + ranges[index].tenants));
  });
});
