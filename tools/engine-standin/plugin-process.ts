import { spawn, type ChildProcess } from "node:child_process";
import { endWithThisProcess } from "./child-processes";

export interface PluginProcess {
  child: ChildProcess;
  /** The loopback port the plugin serves gRPC on. */
  port: number;
  /** What the plugin printed after announcing its port, stderr included. */
  output: string[];
}

/**
 * Starts a plugin as the CLI does (pkg/resource/plugin/plugin.go, newPlugin): `node <script> <args>` in
 * `cwd`, its port read from the first line it prints; it ends with this process. `name` is for the
 * error when it exits before announcing a port.
 */
export async function startPlugin(name: string, script: string, args: string[], options: { cwd: string; env: NodeJS.ProcessEnv }): Promise<PluginProcess> {
  const child = endWithThisProcess(spawn(process.execPath, [script, ...args], { cwd: options.cwd, env: options.env, stdio: ["ignore", "pipe", "pipe"] }));
  const output: string[] = [];
  const port = await new Promise<number>((resolve, reject) => {
    let buffer = "";
    let announced = false;
    child.stdout!.on("data", (chunk) => {
      if (announced) return void output.push(String(chunk));
      buffer += chunk;
      const newline = buffer.indexOf("\n");
      if (newline < 0) return;
      announced = true;
      resolve(Number(buffer.slice(0, newline).trim()));
      if (buffer.slice(newline + 1)) output.push(buffer.slice(newline + 1));
    });
    child.stderr!.on("data", (chunk) => output.push(String(chunk)));
    child.once("exit", (code) => reject(new Error(`${name} exited with ${code}: ${output.join("")}`)));
    child.once("error", reject);
  });
  return { child, port, output };
}
