/**
 * `npm run bench -- --tenants N --parallel P --latency-ms L --fault-rate F --rate-limit R --seed S`;
 * with `--shards S`, several shards at once against one environment (shards/).
 *
 * The npm script gives this process (the engine stand-in: Pulumi's engine is a Go program) a larger
 * young generation, `--max-semi-space-size=64`: with the default one, a thousand resources in flight made
 * it spend about a quarter of its time collecting garbage. The program and the provider host it starts run
 * with Node's defaults, as under the Pulumi CLI.
 */
import { parseBenchArguments } from "./options";
import { formatTable } from "./report";
import { runBench } from "./run";
import { isShardedBench } from "./shards/options";
import { runShardedBenchCommand } from "./shards/command";

async function main(): Promise<void> {
  if (isShardedBench(process.argv)) {
    const io = { out: (text: string) => process.stdout.write(text), progress: (line: string) => process.stderr.write(`${line}\n`) };
    return runShardedBenchCommand(process.argv.slice(2), io);
  }
  const options = parseBenchArguments(process.argv.slice(2));
  const result = await runBench(options, (line) => process.stderr.write(`${line}\n`));
  const { passes: _passes, ...figures } = result;
  process.stdout.write(`${formatTable(result)}\n${JSON.stringify(figures)}\n`);
}

main().catch((error) => {
  process.stderr.write(`bench failed: ${(error as Error).stack ?? error}\n`);
  process.exit(1);
});
