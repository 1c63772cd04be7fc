export interface BenchOptions {
  tenants: number;
  /** Operations in flight, like `pulumi up --parallel`. */
  parallel: number;
  /** Latency the emulator adds to every request. */
  latencyMs: number;
  /** Share of management API requests that get a random fault (429, 503, 502, reset, lost response). */
  faultRate: number;
  /** Requests per minute the emulator allows (server-side rate limit); none when absent. */
  rateLimit?: number;
  seed: number;
}

export const DEFAULT_BENCH_OPTIONS: BenchOptions = { tenants: 20, parallel: 10, latencyMs: 20, faultRate: 0, seed: 1 };

const FLAGS: Record<string, keyof BenchOptions> = {
  "--tenants": "tenants",
  "--parallel": "parallel",
  "--latency-ms": "latencyMs",
  "--fault-rate": "faultRate",
  "--rate-limit": "rateLimit",
  "--seed": "seed",
};

/** `--tenants N --parallel P --latency-ms L --fault-rate F --rate-limit R --seed S` (also `--flag=value`). */
export function parseBenchArguments(argv: readonly string[]): BenchOptions {
  const options: BenchOptions = { ...DEFAULT_BENCH_OPTIONS };
  for (let index = 0; index < argv.length; index++) {
    const [flag, inline] = argv[index].split("=", 2);
    const key = FLAGS[flag];
    if (!key) throw new Error(`unknown option ${flag}; expected one of ${Object.keys(FLAGS).join(", ")}`);
    const raw = inline ?? argv[++index];
    const value = Number(raw);
    if (raw === undefined || !Number.isFinite(value) || value < 0) throw new Error(`${flag} needs a non-negative number, got ${raw}`);
    (options[key] as number) = value;
  }
  if (!Number.isInteger(options.tenants) || options.tenants < 1) throw new Error("--tenants must be a whole number ≥ 1");
  if (!Number.isInteger(options.parallel) || options.parallel < 1) throw new Error("--parallel must be a whole number ≥ 1");
  if (options.faultRate > 1) throw new Error("--fault-rate must be between 0 and 1");
  return options;
}
