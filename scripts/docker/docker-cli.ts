import { spawn } from "node:child_process";

export interface DockerRunOptions {
  /** Added to this process's environment (e.g. DOCKER_BUILDKIT, or a secret passed by name with `-e NAME`). */
  env?: Record<string, string>;
}

export class DockerCommandError extends Error {
  constructor(
    readonly args: string[],
    readonly exitCode: number | null,
    readonly stderr: string,
  ) {
    super(`docker ${args[0]} failed (exit ${exitCode}): ${stderr.trim().split("\n").slice(-15).join("\n")}`);
  }
}

/** Runs the `docker` CLI; resolves with its trimmed stdout, rejects with its stderr's tail. */
export function docker(args: string[], options: DockerRunOptions = {}): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn("docker", args, { stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, ...options.env } });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk) => (stdout += chunk));
    child.stderr.on("data", (chunk) => (stderr += chunk));
    child.once("error", (err: NodeJS.ErrnoException) =>
      reject(err.code === "ENOENT" ? new DockerCommandError(args, null, "the docker command is not installed") : err),
    );
    child.once("close", (code) => (code === 0 ? resolve(stdout.trim()) : reject(new DockerCommandError(args, code, stderr))));
  });
}

/** Whether an image (or any object `docker image inspect` knows) exists under this name. */
export async function imageExists(name: string): Promise<boolean> {
  return docker(["image", "inspect", "--format", "{{.Id}}", name]).then(
    () => true,
    () => false,
  );
}

/** The engine's version; throws, saying what to do, when there is no CLI or no engine answering it. */
export async function dockerEngineVersion(): Promise<string> {
  try {
    return await docker(["version", "--format", "{{.Server.Version}}"]);
  } catch (err) {
    const reason = err instanceof DockerCommandError ? err.stderr.trim() : String(err);
    throw new Error(
      `No Docker engine answers here (${reason}). ` +
        "This needs one: on Debian, `apt-get install docker.io` and start `dockerd` (the CI entry point .ci/run does both).",
    );
  }
}
