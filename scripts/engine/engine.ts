import type { CapturedProgram, RegisteredResource } from "./capture";
import { ProviderHost, type Bag, type ProviderHostOptions } from "./provider-host";
import { runInDependencyOrder } from "./scheduler";
import { Semaphore } from "./semaphore";
import type { EngineState, StateEntry } from "./state";
import { deepEqual, revealSecrets } from "./values";

export type OperationKind = "create" | "update" | "replace" | "same" | "delete" | "refresh" | "drop" | "failed" | "skipped";

/** What the engine did for one resource in one pass. */
export interface OperationReport {
  urn: string;
  type: string;
  name: string;
  kind: OperationKind;
  /** The provider calls made, in order: check, diff, create, update, delete, read. */
  calls: string[];
  id?: string;
  /** Diff: the properties that forced a replacement. */
  replaces?: string[];
  /** Refresh: the live object differs from the recorded outputs. */
  drift?: boolean;
  error?: string;
  startedAt: number;
  durationMs: number;
}

export interface PassReport {
  operations: OperationReport[];
  state: EngineState;
  /** No operation failed or was skipped. */
  ok: boolean;
  durationMs: number;
}

export interface EngineOptions {
  /** Operations in flight at once, like `pulumi up --parallel` (default 16). */
  parallel?: number;
  /** Stack configuration sent to the provider host once, before its first operation. */
  config?: Bag;
  /** Called as each operation ends (progress output, benchmarks). */
  onOperation?: (operation: OperationReport) => void;
}

type Mutable = { resources: Record<string, StateEntry> };

/**
 * Plays the engine's part of `pulumi up`, `refresh` and `destroy` for custom resources captured under
 * mocks, against a running dynamic-provider host. Not the engine: no aliases, no ignoreChanges, no
 * component outputs; replaced resources are deleted at the end of the pass, as Pulumi does.
 */
export class Engine {
  private configured?: Promise<void>;
  /**
   * As in Pulumi's engine: one planner checks and diffs resources as their inputs become known, one
   * at a time; `parallel` executors run the steps that change or read something.
   */
  private readonly planner = new Semaphore(1);
  private readonly executors: Semaphore;
  private ownsHost = false;

  /** An engine on a host that the caller started (and stops). */
  constructor(
    readonly host: ProviderHost,
    private readonly options: EngineOptions = {},
  ) {
    this.executors = new Semaphore(Math.max(1, options.parallel ?? 16));
  }

  /** Starts a provider host of its own; `stop()` ends it. */
  static async start(options: EngineOptions & { host?: ProviderHostOptions } = {}): Promise<Engine> {
    const engine = new Engine(await ProviderHost.start(options.host), options);
    engine.ownsHost = true;
    return engine;
  }

  /** Stops the host if this engine started it. */
  async stop(): Promise<void> {
    if (this.ownsHost) await this.host.stop();
  }

  /** Brings the resources of a captured program about, from `state`; returns the new state. */
  async up(program: CapturedProgram, state: EngineState): Promise<PassReport> {
    return this.pass(state, async (next, report) => {
      const custom = program.resources.filter((resource) => resource.custom);
      const wanted = new Set(custom.map((resource) => resource.urn));
      const replaced: StateEntry[] = [];
      const waitsFor = (resource: RegisteredResource) => [
        ...resource.dependencies,
        ...Object.values(resource.propertyDependencies).flat(),
        ...program.markers.sourcesIn(resource.inputs).map((source) => source.urn),
        ...(resource.parent ? [resource.parent] : []),
      ];
      await runInDependencyOrder(
        custom,
        (resource) => resource.urn,
        waitsFor,
        Number.POSITIVE_INFINITY,
        (resource) => this.step(program, resource, next, report, replaced, [...new Set(waitsFor(resource))].filter((urn) => wanted.has(urn))),
        (resource, blockedBy) => report(skipped(resource, blockedBy)),
      );
      const gone = Object.values(state.resources).filter((entry) => !wanted.has(entry.urn));
      await this.deleteAll([...gone, ...replaced], next, report, false);
    });
  }

  /** Reads every resource back; those that no longer exist leave the state. */
  async refresh(state: EngineState): Promise<PassReport> {
    return this.pass(state, async (next, report) => {
      const entries = Object.values(state.resources);
      await runInDependencyOrder(entries, (entry) => entry.urn, () => [], Number.POSITIVE_INFINITY, async (entry) => {
        const operation = begin(entry, "refresh");
        try {
          operation.calls.push("read");
          const live = await this.executors.run(() => this.host.read(entry.urn, entry.id, entry.outputs, entry.inputs));
          if (!live.id) {
            delete next.resources[entry.urn];
            return report({ ...operation, kind: "drop" });
          }
          const outputs = { __provider: entry.outputs.__provider, ...live.props };
          next.resources[entry.urn] = { ...entry, id: live.id, outputs, inputs: live.inputs ? { __provider: entry.inputs.__provider, ...live.inputs } : entry.inputs };
          return report({ ...operation, id: live.id, drift: !deepEqual(entry.outputs, outputs) });
        } catch (error) {
          return report({ ...operation, kind: "failed", error: messageOf(error) });
        }
      });
    });
  }

  /** Deletes everything in the state, dependents first. Protected resources fail unless `unprotect`. */
  async destroy(state: EngineState, options: { unprotect?: boolean } = {}): Promise<PassReport> {
    return this.pass(state, (next, report) => this.deleteAll(Object.values(state.resources), next, report, options.unprotect ?? false));
  }

  private async pass(state: EngineState, body: (next: Mutable, report: (operation: OperationReport) => boolean) => Promise<void>): Promise<PassReport> {
    const started = Date.now();
    await (this.configured ??= this.host.configure(this.options.config ?? {}));
    const next: Mutable = { resources: { ...state.resources } };
    const operations: OperationReport[] = [];
    const report = (operation: OperationReport) => {
      const finished = { ...operation, durationMs: Date.now() - operation.startedAt };
      operations.push(finished);
      this.options.onOperation?.(finished);
      return finished.kind !== "failed" && finished.kind !== "skipped";
    };
    await body(next, report);
    return { operations, state: next, ok: operations.every((operation) => operation.kind !== "failed" && operation.kind !== "skipped"), durationMs: Date.now() - started };
  }

  /** check → create, or check → diff → update / replace; the state entry is written as the engine would. */
  private async step(program: CapturedProgram, resource: RegisteredResource, next: Mutable, report: (operation: OperationReport) => boolean, replaced: StateEntry[], dependencies: string[]): Promise<boolean> {
    const operation = begin(resource, "create");
    const old = next.resources[resource.urn];
    const news = revealSecrets(program.markers.substitute(resource.inputs, ({ urn, property }) => {
      const source = next.resources[urn];
      return property === "id" ? source?.id : source?.outputs[property];
    })) as Bag;
    const record = (id: string, inputs: Bag, outputs: Bag) => {
      next.resources[resource.urn] = { urn: resource.urn, type: resource.type, name: resource.name, id, inputs, outputs, dependencies, parent: resource.parent, protect: resource.protect };
    };
    try {
      const planned = await this.planner.run(async () => {
        operation.calls.push("check");
        const checked = await this.host.check(resource.urn, old?.inputs ?? {}, news);
        if (checked.failures.length || !old) return { checked };
        operation.calls.push("diff");
        return { checked, diff: await this.host.diff(resource.urn, old.id, old.outputs, checked.inputs) };
      });
      const { checked, diff } = planned;
      if (checked.failures.length) return report({ ...operation, kind: "failed", error: checked.failures.map((failure) => failure.reason).join("; ") });
      const inputs = checked.inputs;
      if (!old || !diff) {
        operation.calls.push("create");
        const created = await this.executors.run(() => this.host.create(resource.urn, inputs));
        record(created.id, inputs, created.props);
        return report({ ...operation, id: created.id });
      }
      const changed = diff.changes === "some" || (diff.changes === "unknown" && !deepEqual(old.inputs, inputs));
      if (!changed) {
        record(old.id, inputs, old.outputs);
        return report({ ...operation, kind: "same", id: old.id });
      }
      if (!diff.replaces.length) {
        operation.calls.push("update");
        const outputs = await this.executors.run(() => this.host.update(resource.urn, old.id, old.outputs, inputs));
        record(old.id, inputs, outputs);
        return report({ ...operation, kind: "update", id: old.id });
      }
      if (diff.deleteBeforeReplace) {
        operation.calls.push("delete");
        await this.executors.run(() => this.host.delete(resource.urn, old.id, old.outputs));
        delete next.resources[resource.urn];
      } else {
        replaced.push({ ...old, urn: resource.urn });
      }
      operation.calls.push("create");
      const created = await this.executors.run(() => this.host.create(resource.urn, inputs));
      record(created.id, inputs, created.props);
      return report({ ...operation, kind: "replace", id: created.id, replaces: diff.replaces });
    } catch (error) {
      const partial = ProviderHost.initFailure(error);
      if (partial?.id) record(partial.id, news, partial.props);
      return report({ ...operation, kind: "failed", id: partial?.id, error: messageOf(error) });
    }
  }

  /** Deletes entries in reverse dependency order: nothing is deleted while something still depends on it. */
  private async deleteAll(entries: StateEntry[], next: Mutable, report: (operation: OperationReport) => boolean, unprotect: boolean): Promise<void> {
    const keyOf = (entry: StateEntry) => `${entry.urn}@${entry.id}`;
    const dependents = new Map<string, string[]>();
    for (const entry of entries) {
      for (const urn of [...entry.dependencies, ...(entry.parent ? [entry.parent] : [])]) {
        for (const target of entries.filter((other) => other.urn === urn)) dependents.set(keyOf(target), [...(dependents.get(keyOf(target)) ?? []), keyOf(entry)]);
      }
    }
    await runInDependencyOrder(
      entries,
      keyOf,
      (entry) => dependents.get(keyOf(entry)) ?? [],
      Number.POSITIVE_INFINITY,
      async (entry) => {
        const operation = begin(entry, "delete");
        if (entry.protect && !unprotect) return report({ ...operation, kind: "failed", id: entry.id, error: "the resource is protected; unprotect it first" });
        try {
          operation.calls.push("delete");
          await this.executors.run(() => this.host.delete(entry.urn, entry.id, entry.outputs));
          if (next.resources[entry.urn]?.id === entry.id) delete next.resources[entry.urn];
          return report({ ...operation, id: entry.id });
        } catch (error) {
          return report({ ...operation, kind: "failed", id: entry.id, error: messageOf(error) });
        }
      },
      (entry, blockedBy) => report({ ...skipped(entry, blockedBy), kind: "skipped" }),
    );
  }
}

function begin(resource: { urn: string; type: string; name: string }, kind: OperationKind): OperationReport {
  return { urn: resource.urn, type: resource.type, name: resource.name, kind, calls: [], startedAt: Date.now(), durationMs: 0 };
}

function skipped(resource: { urn: string; type: string; name: string }, blockedBy: string): OperationReport {
  return { ...begin(resource, "skipped"), error: `not attempted: ${blockedBy} did not succeed` };
}

function messageOf(error: unknown): string {
  return (error as { details?: string }).details || (error as Error).message || String(error);
}
