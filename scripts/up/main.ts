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
import { CliUnavailableError, cliEnvironment, resolvePulumiCli } from "./pulumi-cli";

const REPO_ROOT = PACKAGE_ROOT;

async function main(): Promise<number> {
  const plan = planRun(gatherFacts(parseRunArguments(process.argv.slice(2)), REPO_ROOT));
  for (const note of plan.notes) process.stderr.write(`• ${note}\n`);
  const binary = await resolvePulumiCli(plan.pulumiPackage);
  for (const directory of plan.directories) mkdirSync(directory, { recursive: true });

  let emulator: RunningEmulator | undefined;
  try {
    if (plan.emulator) emulator = await startEmulatorProcess(plan.emulator);
    const env = cliEnvironment(binary, { ...process.env, ...plan.env, ...(emulator ? emulatorEnv(emulator) : {}) });
    for (const step of plan.steps) {
      process.stderr.write(`\n▶ ${step.title}\n`);
      const code = await run(binary, step, env);
      if (code !== 0) return code;
    }
    return 0;
  } finally {
    // Only once the CLI has exited: a Ctrl-C'd update still talks to the emulator while it cancels.
    await emulator?.stop();
  }
}

/**
 * Runs the CLI binary in the repository root with the terminal attached. Ctrl-C reaches the CLI (same
 * process group), which cancels cleanly; this process ignores it and waits for the CLI to exit.
 */
function run(binary: string, step: Step, env: NodeJS.ProcessEnv): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(binary, step.args, { cwd: REPO_ROOT, env, stdio: "inherit" });
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
    process.stderr.write(`${error instanceof CliUnavailableError ? "" : "error: "}${error.message}\n`);
    process.exit(1);
  },
);
