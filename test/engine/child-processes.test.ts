import { execFile } from "node:child_process";
import { readFileSync } from "node:fs";
import * as path from "node:path";
import { PACKAGE_ROOT } from "../../scripts/package-root";

/*
 * The programs and provider hosts the stand-in starts end with the process that started them (built
 * module: `npm test` builds first), whether it exits normally or fails.
 */
const CHILD_PROCESSES = path.join(PACKAGE_ROOT, "dist", "tools", "engine-standin", "child-processes.js");

/** Starts a node process that starts a long-running child through endWithThisProcess, then ends as `ending` says; resolves with the child's pid. */
function parentThatEnds(ending: string): Promise<number> {
  const script = `
    const { spawn } = require("node:child_process");
    const { endWithThisProcess } = require(${JSON.stringify(CHILD_PROCESSES)});
    const child = endWithThisProcess(spawn(process.execPath, ["-e", "setInterval(() => {}, 1000)"], { stdio: "ignore" }));
    const quick = endWithThisProcess(spawn(process.execPath, ["-e", ""], { stdio: "ignore" }));
    quick.once("exit", () => { process.stdout.write(child.pid + "\\n"); ${ending} });
  `;
  return new Promise((resolve) => execFile(process.execPath, ["-e", script], (_error, stdout) => resolve(Number(stdout.trim()))));
}

/** Still running: it answers signal 0 and is not a zombie waiting to be reaped. */
function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    return !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, "utf8"));
  } catch {
    return false;
  }
}

describe("children of the engine stand-in", () => {
  test.each([
    ["exits normally", "process.exit(0);"],
    ["fails with an uncaught error", "throw new Error('the operation failed');"],
  ])("end when the process that started them %s (one child already gone)", async (_case, ending) => {
    const pid = await parentThatEnds(ending);
    expect(pid).toBeGreaterThan(0);
    await new Promise((resolve) => setTimeout(resolve, 200));
    const running = isRunning(pid);
    if (running) process.kill(pid, "SIGKILL");
    expect(running).toBe(false);
  });
});
