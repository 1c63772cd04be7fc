import { parseShardedBenchArguments } from "./options";
import { formatShardedTable } from "./report";
import { runShardedBench } from "./run";

/** `npm run bench -- --shards S …`: prints a table per run and, last, one JSON line. */
export async function runShardedBenchCommand(argv: readonly string[], io: { out(text: string): void; progress(line: string): void }): Promise<void> {
  const result = await runShardedBench(parseShardedBenchArguments(argv), io.progress);
  io.out(`${formatShardedTable(result)}\n${JSON.stringify(result)}\n`);
}
