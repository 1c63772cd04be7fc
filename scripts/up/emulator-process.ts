import { spawn } from "node:child_process";
import type { EmulatorSpec } from "./plan";

export interface RunningEmulator {
  url: string;
  clientId: string;
  clientSecret: string;
  stop(): Promise<void>;
}

/** Starts the emulator CLI the plan asks for and waits for the JSON line announcing it. */
export function startEmulatorProcess(spec: Pick<EmulatorSpec, "script" | "args" | "port">): Promise<RunningEmulator> {
  // Its own process group: Ctrl-C goes to the Pulumi CLI, which still needs the emulator to stop cleanly.
  const child = spawn(process.execPath, [spec.script, ...spec.args], { stdio: ["ignore", "pipe", "pipe"], detached: true });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
    await exited;
  };
  return new Promise((resolve, reject) => {
    let stdout = "";
    let stderr = "";
    child.stderr!.on("data", (chunk) => (stderr += chunk));
    child.stdout!.on("data", (chunk) => {
      stdout += chunk;
      const newline = stdout.indexOf("\n");
      if (newline < 0) return;
      try {
        const announced = JSON.parse(stdout.slice(0, newline)) as { url: string; clientId: string; clientSecret: string };
        resolve({ ...announced, stop });
      } catch (error) {
        void stop();
        reject(new Error(`the emulator announced something unexpected: ${stdout.slice(0, newline)}`));
      }
    });
    child.once("error", reject);
    child.once("exit", (code) => {
      const busy = /EADDRINUSE/.test(stderr) ? ` Port ${spec.port} is in use: stop what uses it or set SCALEKIT_EMULATOR_PORT.` : "";
      reject(new Error(`the emulator exited (${code}) before it was ready.${busy}\n${stderr.trim()}`));
    });
  });
}
