#!/usr/bin/env node
/** `npm run portal-link -- <tenant> [--tenants <file>] [--features sso,dir_sync]`: see command.ts. */
import { runPortalLinkCommand } from "./command";

runPortalLinkCommand(process.argv.slice(2), {
  // npm runs scripts in the package root; INIT_CWD is where `npm run portal-link` was typed.
  cwd: process.env.INIT_CWD ?? process.cwd(),
  env: process.env,
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
}).then(
  (code) => {
    process.exitCode = code;
  },
  (error: Error) => {
    process.stderr.write(`${error.message}\n`);
    process.exitCode = 2;
  },
);
