import { createServer } from "node:net";
import { docker } from "../../../scripts/docker/docker-cli";

export interface ContainerStart {
  name: string;
  image: string;
  network: string;
  /** `hostIp:hostPort:containerPort`. */
  publish: string;
  env: Record<string, string>;
  /** Passed by name only: the values reach docker through its environment, never its command line. */
  secretEnv: Record<string, string>;
}

/**
 * Starts a container in the background. The health check runs every second instead of the image's
 * 30 s (the probe itself is the image's), so that waiting for it takes seconds.
 */
export async function startContainer(start: ContainerStart): Promise<void> {
  const args = ["run", "--detach", "--name", start.name, "--network", start.network, "--publish", start.publish, "--health-interval", "1s"];
  for (const [name, value] of Object.entries(start.env)) args.push("--env", `${name}=${value}`);
  for (const name of Object.keys(start.secretEnv)) args.push("--env", name);
  await docker([...args, start.image], { env: start.secretEnv });
}

/** Resolves once Docker reports the container healthy; rejects with its logs if it turns unhealthy, stops, or takes too long. */
export async function waitUntilHealthy(name: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let state = "";
  while (Date.now() < deadline) {
    state = await docker(["inspect", "--format", "{{.State.Status}} {{if .State.Health}}{{.State.Health.Status}}{{end}}", name]);
    if (state === "running healthy") return;
    if (!state.startsWith("running") || state.endsWith("unhealthy")) break;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  const logs = await docker(["logs", "--tail", "30", name]).catch((err) => String(err));
  throw new Error(`container ${name} is "${state}", not healthy, after ${timeoutMs} ms at most; its last log lines:\n${logs}`);
}

/** A port the OS chose on 127.0.0.1 and that is free again now (the container publishes on it next). */
export function freeLocalPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}
