import { parseBenchArguments } from "../../scripts/bench/options";
import { runBench } from "../../scripts/bench/run";

/*
 * The benchmark's invariants at a size that keeps CI fast; times are reported by `npm run bench`,
 * never asserted. runBench runs the program of scripts/bench/program (from dist/, built by `npm test`)
 * through the engine stand-in and the real dynamic-provider host.
 */
const bench = (argv: string[]) => runBench(parseBenchArguments(argv));

describe("onboarding benchmark", () => {
  test("a clean run makes exactly the minimal calls, none when nothing changed, one token, and leaves nothing behind", async () => {
    const result = await bench(["--tenants", "3", "--parallel", "4", "--latency-ms", "0"]);
    expect(result).toMatchObject({
      tenants: 3,
      resources: 15,
      apiCallsPerTenant: result.minimalCallsPerTenant,
      noChangeCalls: 0,
      tokenRequestsPerOperation: 1,
      duplicates: 0,
      orphans: 0,
      failed: 0,
      leftAfterDestroy: 0,
    });
    expect(result.refreshCallsPerResource).toBeLessThanOrEqual(1);
    expect(result.stateBytesPerResource).toBeLessThanOrEqual(6 * 1024);
  });

  test("fault storm: 20% of requests fail (429, 503, 502, resets, lost responses) and every tenant still converges in one pass", async () => {
    const result = await bench(["--tenants", "8", "--parallel", "6", "--latency-ms", "0", "--fault-rate", "0.2", "--seed", "7"]);
    expect(result.apiCallsPerTenant).toBeGreaterThan(result.minimalCallsPerTenant);
    expect(result).toMatchObject({ noChangeCalls: 0, duplicates: 0, orphans: 0, failed: 0, leftAfterDestroy: 0 });
  });

  test("a server rate limit below the demand slows the run down without failing it", async () => {
    const result = await bench(["--tenants", "3", "--parallel", "10", "--latency-ms", "0", "--rate-limit", "900"]);
    expect(result.passes[0].throttled).toBeGreaterThan(0);
    expect(result).toMatchObject({ noChangeCalls: 0, duplicates: 0, orphans: 0, failed: 0, leftAfterDestroy: 0 });
  });
});

describe("bench options", () => {
  test("flags and defaults", () => {
    expect(parseBenchArguments([])).toEqual({ tenants: 20, parallel: 10, latencyMs: 20, faultRate: 0, seed: 1 });
    expect(parseBenchArguments(["--tenants=200", "--parallel", "10", "--latency-ms", "20", "--fault-rate", "0.2", "--rate-limit", "600", "--seed", "3"])).toEqual({
      tenants: 200, parallel: 10, latencyMs: 20, faultRate: 0.2, rateLimit: 600, seed: 3,
    });
  });

  test.each([[["--tenants", "0"]], [["--fault-rate", "2"]], [["--parallel"]], [["--speed", "9"]]])("%j is refused", (argv) => {
    expect(() => parseBenchArguments(argv)).toThrow();
  });
});
