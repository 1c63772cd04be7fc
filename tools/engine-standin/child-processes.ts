import type { ChildProcess } from "node:child_process";

const running = new Set<ChildProcess>();

/**
 * Ends the child when this process exits, if it still runs. A test that times out, or a script that
 * fails, leaves the operation it was in behind; without this its program and provider host outlive it
 * (a program whose engine is gone keeps trying to reach it, at a third of a core, for as long as the
 * machine runs).
 */
export function endWithThisProcess<T extends ChildProcess>(child: T): T {
  if (running.size === 0) process.once("exit", endRunning);
  running.add(child);
  child.once("exit", () => {
    running.delete(child);
    if (running.size === 0) process.off("exit", endRunning);
  });
  return child;
}

function endRunning(): void {
  for (const child of running) child.kill("SIGKILL");
}
