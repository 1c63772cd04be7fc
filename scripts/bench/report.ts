import type { BenchResult } from "./run";

/** A human-readable table of the passes and the headline figures. */
export function formatTable(result: BenchResult): string {
  const rows = [
    ["pass", "operations", "failed", "API calls", "429s", "wall ms", "with start-up"],
    ...result.passes.map((pass) => [pass.pass, pass.operations, pass.failed, pass.apiCalls, pass.throttled, pass.wallMs, pass.totalMs].map(String)),
  ];
  const widths = rows[0].map((_, column) => Math.max(...rows.map((row) => row[column].length)));
  const line = (row: string[]) => row.map((cell, column) => (column === 0 ? cell.padEnd(widths[column]) : cell.padStart(widths[column]))).join("  ");
  const headline = [
    `tenants ${result.tenants} (${result.resources} resources), parallel ${result.parallel}, latency ${result.latencyMs} ms, fault rate ${result.faultRate}, rate limit ${result.rateLimit ?? "none"}`,
    `API calls per tenant ${result.apiCallsPerTenant} (minimal ${result.minimalCallsPerTenant}), no-change calls ${result.noChangeCalls}, refresh calls per resource ${result.refreshCallsPerResource}`,
    `state ${result.stateBytesPerResource} bytes per resource, token requests per operation ${result.tokenRequestsPerOperation}`,
    `create wall ${result.wallMs} ms vs bound ${result.boundMs} ms → ratio ${result.ratio}; throughput ${result.throughputPerMinute}/min`,
    `duplicates ${result.duplicates}, orphans ${result.orphans}, failed ${result.failed}, left after destroy ${result.leftAfterDestroy}`,
  ];
  return [...rows.map(line), "", ...headline].join("\n");
}
