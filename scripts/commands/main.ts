#!/usr/bin/env node
/**
 * This repository's `npm run health | portal-link | shards -- [options]`: the package's own
 * `pulumi-scalekit` commands (provider/cli), set up as `npm run up` sets up the Pulumi CLI: the
 * repository's local state backend for reading a stack's encrypted config, and the local emulator when
 * no Scalekit credentials are configured.
 */
import { runCli } from "../../provider/cli/cli";
import { processIo } from "../../provider/cli/process-io";
import { PACKAGE_ROOT } from "../package-root";
import { localBackend } from "../up/plan";
import { repositoryEmulator } from "./local-emulator";

const env = { ...process.env, ...localBackend(PACKAGE_ROOT, process.env).env };

runCli(process.argv.slice(2), processIo({ env, localEnvironment: repositoryEmulator(process.env) })).then((code) => {
  process.exitCode = code;
});
