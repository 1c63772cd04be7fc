import { fork, type ChildProcess } from "node:child_process";
import { builtFile } from "../../package-root";
import type { FromShard, ShardOutcome, ShardSpec, ToShard } from "./shard-messages";

const SHARD_PROCESS = builtFile("scripts/bench/shards/shard-process.js");

/** A shard process seen from the benchmark: open its stack, then (all shards together) go, then its outcome. */
export class ShardRunner {
  private readonly messages: FromShard[] = [];
  private waiting?: (message: FromShard) => void;
  private readonly exited: Promise<void>;

  private constructor(private readonly child: ChildProcess) {
    const deliver = (message: FromShard) => (this.waiting ? this.waiting(message) : this.messages.push(message));
    child.on("message", deliver);
    let stderr = "";
    child.stderr!.on("data", (chunk) => (stderr += chunk));
    this.exited = new Promise((resolve) =>
      child.once("exit", (code) => {
        deliver({ kind: "crashed", error: `the shard process exited (${code}) before it answered\n${stderr.trim()}` });
        resolve();
      }),
    );
  }

  /** Starts the process and opens its stack (state file read, config set); resolves when it is ready to go. */
  static async open(spec: ShardSpec): Promise<ShardRunner> {
    const runner = new ShardRunner(fork(SHARD_PROCESS, [], { stdio: ["ignore", "ignore", "pipe", "ipc"] }));
    runner.post({ kind: "open", spec });
    await runner.expect("ready");
    return runner;
  }

  /** Runs the shard's `up`; resolves with how it ended. */
  async go(): Promise<ShardOutcome> {
    this.post({ kind: "go" });
    const done = await this.expect("done");
    await this.exited;
    return done.outcome;
  }

  stop(): Promise<void> {
    if (this.child.exitCode === null && this.child.signalCode === null) this.child.kill("SIGTERM");
    return this.exited;
  }

  private post(message: ToShard): void {
    this.child.send(message);
  }

  private async expect<K extends FromShard["kind"]>(kind: K): Promise<Extract<FromShard, { kind: K }>> {
    const message = this.messages.shift() ?? (await new Promise<FromShard>((resolve) => (this.waiting = resolve)));
    this.waiting = undefined;
    if (message.kind === "crashed") throw new Error(`shard process failed: ${message.error}`);
    if (message.kind !== kind) throw new Error(`shard process said ${message.kind}, expected ${kind}`);
    return message as Extract<FromShard, { kind: K }>;
  }
}
