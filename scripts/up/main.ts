#!/usr/bin/env node
/**
 * `npm run up | preview | refresh | destroy [-- --stack name] [pulumi flags]`, and `npm run pulumi -- <command>`:
 * the Pulumi CLI on the root stack with a local state backend and, when no Scalekit credentials are
 * configured, the local emulator standing in for Scalekit.
 */
import { spawn } from "node:child_process";
import { mkdirSync } from "node:fs";
import { parseRunArguments } from "./arguments";
import { PACKAGE_ROOT } from "../package-root";
import { startEmulatorProcess, type RunningEmulator } from "./emulator-process";
import { gatherFacts } from "./facts";
import { emulatorEnv, planRun, type Step } from "./plan";

const REPO_ROOT = PACKAGE_ROOT;
const FIRST_RUN_HINT =
  "The `pulumi` npm package downloads the Pulumi CLI on first use (from get.pulumi.com, into ~/.pulumi/versions): " +
  "that needs internet access once. Everything before this step ran locally.";

async function main(): Promise<number> {
  const plan = planRun(gatherFacts(parseRunArguments(process.argv.slice(2)), REPO_ROOT));
  for (const note of plan.notes) process.stderr.write(`• ${note}\n`);
  for (const directory of plan.directories) mkdirSync(directory, { recursive: true });

  let emulator: RunningEmulator | undefined;
  try {
    if (plan.emulator) emulator = await startEmulatorProcess(plan.emulator);
    const env = { ...process.env, ...plan.env, ...(emulator ? emulatorEnv(emulator) : {}) };
    for (const [index, step] of plan.steps.entries()) {
      process.stderr.write(`\n▶ ${step.title}\n`);
      const code = await run(step, env);
      if (code === 0) continue;
      if (index === 0) process.stderr.write(`\n${FIRST_RUN_HINT}\n`);
      return code;
    }
    return 0;
  } finally {
    await emulator?.stop();
  }
}

/** Runs a step in the repository root with the terminal attached; Ctrl-C reaches the CLI, which stops cleanly. */
function run(step: Step, env: NodeJS.ProcessEnv): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(step.argv[0], step.argv.slice(1), { cwd: REPO_ROOT, env, stdio: "inherit" });
    const ignore = () => {};
    process.on("SIGINT", ignore);
    child.once("error", reject);
    child.once("exit", (code, signal) => {
      process.off("SIGINT", ignore);
      resolve(code ?? (signal ? 1 : 0));
    });
  });
}

main().then(
  (code) => process.exit(code),
  (error: Error) => {
    process.stderr.write(`${error.message}\n`);
    process.exit(1);
  },
);
