#!/usr/bin/env node
/**
 * `npm run health -- --tenants <file> [--html <file>] [--json]`: each tenant of a tenants file as
 * Scalekit has it, one line per tenant; exits 1 when something needs action (for scheduled CI).
 * Credentials: SCALEKIT_ENVIRONMENT_URL, SCALEKIT_CLIENT_ID, SCALEKIT_CLIENT_SECRET.
 */
import { runHealthCommand } from "./run";

runHealthCommand(process.argv.slice(2), {
  lookup: () => undefined,
  env: process.env,
  stdout: (line) => process.stdout.write(`${line}\n`),
  stderr: (line) => process.stderr.write(`${line}\n`),
}).then((code) => {
  process.exitCode = code;
});
