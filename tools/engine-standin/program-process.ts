import { spawn, type ChildProcess } from "node:child_process";
import * as path from "node:path";
import { endWithThisProcess } from "./child-processes";
import { programConfigEnv, type StackConfig } from "./config";
import type { PulumiProject } from "./project";
import { sdkOf } from "./sdk";

export interface ProgramRun {
  project: PulumiProject;
  stack: string;
  monitorAddress: string;
  engineAddress: string;
  dryRun: boolean;
  parallel: number;
  config: StackConfig;
  env?: NodeJS.ProcessEnv;
}

export interface ProgramExit {
  code: number | null;
  signal: NodeJS.Signals | null;
  /** stdout and stderr of the program, interleaved. */
  output: string;
}

/**
 * Runs a Pulumi program the way the Node language host does: `node <sdk>/cmd/run` of the @pulumi/pulumi
 * found from the program's folder, with the monitor and engine addresses, project, stack, root
 * directory, working directory, dry-run and parallelism as flags and the config in the environment
 * (sdk/nodejs/cmd/pulumi-language-nodejs/main.go, constructArguments and execRuntime).
 */
export function startProgram(run: ProgramRun): { exited: Promise<ProgramExit>; kill(): void } {
  const { project } = run;
  const script = path.join(sdkOf(project.programDirectory), "cmd", "run");
  const args = [
    ...project.nodeArgs,
    script,
    `--monitor=${run.monitorAddress}`,
    `--engine=${run.engineAddress}`,
    `--project=${project.name}`,
    `--root-directory=${project.rootDirectory}`,
    `--stack=${run.stack}`,
    `--pwd=${project.programDirectory}`,
    ...(run.dryRun ? ["--dry-run"] : []),
    `--parallel=${run.parallel}`,
    project.entryPoint,
  ];
  const env: NodeJS.ProcessEnv = { ...process.env, ...run.env, ...programConfigEnv(run.config) };
  if (project.typescript) env.PULUMI_NODEJS_TYPESCRIPT = "true";
  const child: ChildProcess = endWithThisProcess(spawn(process.execPath, args, { cwd: project.programDirectory, env, stdio: ["ignore", "pipe", "pipe"] }));
  let output = "";
  child.stdout!.on("data", (chunk) => (output += chunk));
  child.stderr!.on("data", (chunk) => (output += chunk));
  const exited = new Promise<ProgramExit>((resolve, reject) => {
    child.once("error", reject);
    child.once("close", (code, signal) => resolve({ code, signal, output }));
  });
  return { exited, kill: () => void child.kill() };
}
