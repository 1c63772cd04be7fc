/** Which runs the sharded benchmark makes: with each shard capped at its share of the limit, without caps, or both. */
export type CapsMode = "both" | "per-shard" | "none";

export interface ShardedBenchOptions {
  /** Shard processes running at the same time against the one environment. */
  shards: number;
  /** Generated tenants, split into disjoint ranges, one per shard. */
  tenants: number;
  /** The environment's limit in requests per minute (the emulator's rate limit). */
  rateLimit: number;
  /** Latency the emulator adds to every request. */
  latencyMs: number;
  /** Steps in flight in each shard, like `pulumi up --parallel`. */
  parallel: number;
  caps: CapsMode;
  seed: number;
}

export const SHARDED_BENCH_USAGE =
  "usage: npm run bench -- --shards S --tenants N --rate-limit R [--latency-ms L] [--parallel P] [--caps both|per-shard|none] [--seed n]";

const DEFAULTS = { latencyMs: 20, parallel: 10, caps: "both" as CapsMode, seed: 1 };
const NUMBERS = { "--shards": "shards", "--tenants": "tenants", "--rate-limit": "rateLimit", "--latency-ms": "latencyMs", "--parallel": "parallel", "--seed": "seed" } as const;
const CAPS: readonly CapsMode[] = ["both", "per-shard", "none"];

/** `npm run bench -- --shards …` asks for this mode. */
export const isShardedBench = (argv: readonly string[]) => argv.some((argument) => argument === "--shards" || argument.startsWith("--shards="));

export function parseShardedBenchArguments(argv: readonly string[]): ShardedBenchOptions {
  const given: Partial<Record<(typeof NUMBERS)[keyof typeof NUMBERS], number>> = {};
  let caps = DEFAULTS.caps;
  for (let index = 0; index < argv.length; index++) {
    const [flag, inline] = argv[index].split(/=(.*)/s, 2);
    const raw = inline ?? argv[++index];
    if (flag === "--caps") {
      if (!CAPS.includes(raw as CapsMode)) throw new Error(`--caps takes ${CAPS.join(", ")}, got ${raw}\n${SHARDED_BENCH_USAGE}`);
      caps = raw as CapsMode;
      continue;
    }
    const key = NUMBERS[flag as keyof typeof NUMBERS];
    if (!key) throw new Error(`unknown option ${flag} in the sharded mode\n${SHARDED_BENCH_USAGE}`);
    const value = Number(raw);
    if (raw === undefined || !Number.isInteger(value) || value < 0) throw new Error(`${flag} needs a whole number ≥ 0, got ${raw}\n${SHARDED_BENCH_USAGE}`);
    given[key] = value;
  }
  const { shards, tenants, rateLimit } = given;
  if (shards === undefined || tenants === undefined || rateLimit === undefined) throw new Error(`--shards, --tenants and --rate-limit are required\n${SHARDED_BENCH_USAGE}`);
  if (shards < 1 || tenants < shards) throw new Error(`--tenants (${tenants}) must be at least --shards (${shards}), which must be at least 1`);
  if (rateLimit < shards) throw new Error(`--rate-limit (${rateLimit}/min) must be at least one request per minute per shard`);
  const parallel = given.parallel ?? DEFAULTS.parallel;
  if (parallel < 1) throw new Error("--parallel must be at least 1");
  return { shards, tenants, rateLimit, latencyMs: given.latencyMs ?? DEFAULTS.latencyMs, parallel, caps, seed: given.seed ?? DEFAULTS.seed };
}

/** One shard's disjoint range of the generated tenants: the first `tenants % shards` shards get one more. */
export interface ShardRange {
  shard: string;
  firstTenant: number;
  tenants: number;
}

export function shardRanges(tenants: number, shards: number): ShardRange[] {
  const base = Math.floor(tenants / shards);
  const ranges: ShardRange[] = [];
  let first = 0;
  for (let index = 0; index < shards; index++) {
    const count = base + (index < tenants % shards ? 1 : 0);
    ranges.push({ shard: `shard-${index + 1}`, firstTenant: first, tenants: count });
    first += count;
  }
  return ranges;
}
