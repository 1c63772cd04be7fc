#!/usr/bin/env node
/**
 * `npm run scaffold -- --out <file>`: a tenants file from what the Scalekit environment already has.
 * Credentials: SCALEKIT_ENVIRONMENT_URL, SCALEKIT_CLIENT_ID, SCALEKIT_CLIENT_SECRET.
 */
import { runScaffoldCommand } from "./run";

runScaffoldCommand(process.argv.slice(2), {
  // npm runs scripts in the package root; INIT_CWD is where `npm run scaffold` was typed.
  cwd: process.env.INIT_CWD ?? process.cwd(),
  lookup: () => undefined,
  env: process.env,
  stdout: (line) => process.stdout.write(`${line}\n`),
  stderr: (line) => process.stderr.write(`${line}\n`),
}).then((code) => {
  process.exitCode = code;
});
