#!/usr/bin/env node
/** The package's `bin`: `pulumi-scalekit <command> [options]` (see cli.ts). */
import { runCli } from "./cli";
import { processIo } from "./process-io";

runCli(process.argv.slice(2), processIo()).then((code) => {
  process.exitCode = code;
});
