#!/usr/bin/env node
/** `npm run shards -- [shards.yaml] [--check]`: see command.ts. */
import { runShardsCommand } from "./command";

try {
  process.exitCode = runShardsCommand(
    process.argv.slice(2),
    process.cwd(),
    (line) => process.stdout.write(`${line}\n`),
    (line) => process.stderr.write(`${line}\n`),
  );
} catch (error) {
  process.stderr.write(`${(error as Error).message}\n`);
  process.exitCode = 2;
}
