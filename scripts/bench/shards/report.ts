import type { ShardedBenchResult, ShardedRunFigures } from "./run";

/** Per run: a row per shard and a total row, then the headline figures. */
export function formatShardedTable(result: ShardedBenchResult): string {
  const header = `${result.shards} shards, ${result.tenants} tenants, environment limit ${result.rateLimit}/min, latency ${result.latencyMs} ms, parallel ${result.parallel} per shard`;
  return [header, ...result.runs.map((run) => formatRun(run, result.rateLimit))].join("\n\n");
}

function formatRun(run: ShardedRunFigures, rateLimit: number): string {
  const { total } = run;
  const rows = [
    ["shard", "tenants", "cap/min", "operations", "failed", "API calls", "429s", "wall ms", "calls/min", "finished"],
    ...run.shards.map((shard) => [
      shard.shard,
      shard.tenants,
      shard.requestsPerMinute ?? "none",
      shard.operations,
      shard.failed,
      shard.apiCalls,
      shard.throttled,
      shard.wallMs,
      shard.callsPerMinute,
      shard.finished ? "yes" : "NO",
    ]),
    ["total", total.tenantsCreated, run.capPerShard === null ? "none" : rateLimit, total.operations, total.failed, total.apiCalls, total.throttled, total.wallMs, total.throughputPerMinute, total.unfinishedShards ? "NO" : "yes"],
  ].map((row) => row.map(String));
  const widths = rows[0].map((_, column) => Math.max(...rows.map((row) => row[column].length)));
  const line = (row: string[]) => row.map((cell, column) => (column === 0 ? cell.padEnd(widths[column]) : cell.padStart(widths[column]))).join("  ");
  const title = run.capPerShard === null ? "without caps (each provider's adaptive budget alone)" : `each shard capped at requestCapPerShard(${rateLimit}, ${run.shards.length}) = ${run.capPerShard}/min`;
  return [
    title,
    ...rows.map(line),
    `throughput ${total.throughputPerMinute}/min = ${Math.round(total.shareOfLimit * 100)}% of the limit; slowest shard ${total.slowestWallMs} ms vs average ${total.averageWallMs} ms (${total.slowestVsAverage}×); ` +
      `${total.failed} failed, ${total.duplicates} duplicates, ${total.orphans} orphans, ${total.unfinishedShards} shards unfinished`,
  ].join("\n");
}
