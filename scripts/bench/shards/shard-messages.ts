import type { ConfigValue, ResourceState } from "../../../tools/engine-standin";

/** What the benchmark tells a shard process to run: one stack of the bench program. */
export interface ShardSpec {
  shard: string;
  projectDir: string;
  stateFile: string;
  parallel: number;
  config: Record<string, ConfigValue>;
}

/** How a shard's `up` ended, as its engine stand-in reported it. */
export interface ShardOutcome {
  ok: boolean;
  /** The first few errors, when it failed. */
  errors: string[];
  failedSteps: number;
  /** Custom resources the update created, updated or kept. */
  operations: number;
  /** Tenant components in the state after the update. */
  tenantsInState: number;
  /** The custom resources of the state (no inputs or outputs), to compare with what the server holds. */
  resources: ResourceState[];
  /** From the shard's first provider call to its last. */
  stepsMs: number;
  /** The whole `up`, program and provider host start-up included. */
  totalMs: number;
}

export type ToShard = { kind: "open"; spec: ShardSpec } | { kind: "go" };
export type FromShard = { kind: "ready" } | { kind: "done"; outcome: ShardOutcome } | { kind: "crashed"; error: string };
