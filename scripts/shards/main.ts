#!/usr/bin/env node
/** `npm run shards -- [shards.yaml] [--check]`: see command.ts. */
import { runShardsCommand } from "./command";

try {
  process.exitCode = runShardsCommand(process.argv.slice(2), {
    // npm runs scripts in the package root; INIT_CWD is where `npm run shards` was typed.
    cwd: process.env.INIT_CWD ?? process.cwd(),
    env: process.env,
    out: (line) => process.stdout.write(`${line}\n`),
    err: (line) => process.stderr.write(`${line}\n`),
  });
} catch (error) {
  process.stderr.write(`${(error as Error).message}\n`);
  process.exitCode = 2;
}
