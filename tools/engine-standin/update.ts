import { deleteCallsProvider, deleteResources } from "./deletes";
import { applyIgnoreChanges } from "./ignore-changes";
import type { Diagnostic, PlanStep } from "./plan";
import { PartialFailure, type ProviderSession } from "./provider-session";
import { Semaphore } from "./semaphore";
import { inDependencyOrder, type ResourceState, type StackState } from "./state";
import { deepEqual, isSecretEnvelope, markSecretKeys, type Bag } from "./values";

/** A resource registration of the program: the goal state the engine brings about. */
export interface Goal {
  urn: string;
  type: string;
  custom: boolean;
  parent?: string;
  /** As the program sent them: secret envelopes, and the unknown sentinel in a preview. */
  inputs: Bag;
  protect?: boolean;
  retainOnDelete?: boolean;
  /** Unset unless the program set the option. */
  deleteBeforeReplace?: boolean;
  dependencies: string[];
  propertyDependencies: Record<string, string[]>;
  ignoreChanges: string[];
  additionalSecretOutputs: string[];
  replaceOnChanges: string[];
}

/** The answer to a registration: what the program's resource object resolves to. */
export interface Registered {
  urn: string;
  /** Empty when not known (a create or replace in a preview). */
  id: string;
  outputs: Bag;
}

/** The monitor refuses registrations once the operation has stopped, as Pulumi's does when it shuts down. */
export class OperationStopped extends Error {}

type Decision =
  | { op: "same" | "create"; inputs: Bag }
  | { op: "update"; inputs: Bag; initErrors: boolean }
  | { op: "replace"; inputs: Bag; order: "create-before-delete" | "delete-before-create"; replaces: string[]; refused?: string };

/**
 * One `pulumi up` (or, with `dryRun`, `pulumi preview`): the program's registrations turned into steps
 * one at a time (check, diff: pkg/resource/deploy/step_generator.go, continueStepsFromImport and
 * continueStepsFromDiff), the steps run by `parallel` executors (step_executor.go), then the deletes
 * of what the program no longer registers and of replaced resources (GenerateDeletes).
 */
export class UpdateOperation {
  readonly plan: PlanStep[] = [];
  readonly errors: string[] = [];
  readonly diagnostics: Diagnostic[] = [];
  private readonly olds = new Map<string, ResourceState>();
  private readonly news = new Map<string, ResourceState>();
  private readonly pendingDeletes: ResourceState[];
  private readonly deleted = new Set<ResourceState>();
  private readonly planner = new Semaphore(1);
  private readonly executors: Semaphore;
  private readonly inFlight = new Set<Promise<unknown>>();
  private stopped = false;
  private signalStopped!: () => void;
  /** Resolves when the operation stops at an error (the engine then cancels the program). */
  readonly whenStopped = new Promise<void>((resolve) => (this.signalStopped = resolve));

  constructor(
    private readonly session: ProviderSession,
    private readonly previous: StackState,
    private readonly options: { dryRun: boolean; parallel: number },
  ) {
    for (const resource of previous.resources) if (!resource.delete) this.olds.set(resource.urn, resource);
    this.pendingDeletes = previous.resources.filter((resource) => resource.delete);
    this.executors = new Semaphore(Math.max(1, options.parallel));
  }

  get failed(): boolean {
    return this.stopped || this.errors.length > 0;
  }

  /** Handles one registration; resolves once its step is done, as the engine answers RegisterResource. */
  register(goal: Goal): Promise<Registered> {
    const work = this.registerNow(goal);
    this.inFlight.add(work);
    void work.catch(() => undefined).finally(() => this.inFlight.delete(work));
    return work;
  }

  /** A component's outputs, registered after its children (RegisterResourceOutputs). */
  registerOutputs(urn: string, outputs: Bag): void {
    const resource = this.news.get(urn);
    if (resource) resource.outputs = outputs;
  }

  /** After the program ended: waits for the steps in flight, then deletes what is gone (only if all went well). */
  async finish(programSucceeded: boolean): Promise<void> {
    while (this.inFlight.size) await Promise.allSettled([...this.inFlight]);
    if (!programSucceeded || this.failed) return;
    const gone = [...this.olds.values()].filter((old) => !this.news.has(old.urn) && !this.deleted.has(old));
    await deleteResources(this.session, [...gone, ...this.pendingDeletes], {
      dryRun: this.options.dryRun,
      executors: this.executors,
      onStep: (step, resource, deleted) => {
        this.plan.push(step);
        if (step.error) this.errors.push(step.error);
        if (deleted) this.deleted.add(resource);
      },
    });
  }

  /** The outputs registered for a resource in this operation (the stack's: its exports). */
  outputsOf(urn: string): Bag {
    return this.news.get(urn)?.outputs ?? {};
  }

  /** The state after the operation: what the program registered, and what is left of the old state. */
  state(): StackState {
    const kept = this.previous.resources.filter((old) => !old.delete && !this.news.has(old.urn) && !this.deleted.has(old));
    const pending = this.pendingDeletes.filter((resource) => !this.deleted.has(resource));
    return { resources: inDependencyOrder([...kept, ...pending, ...this.news.values()]), config: this.previous.config };
  }

  private async registerNow(goal: Goal): Promise<Registered> {
    if (this.stopped) throw new OperationStopped("the operation stopped at an earlier error");
    if (this.news.has(goal.urn)) return this.stop(`duplicate resource URN ${goal.urn}: each resource needs a unique name`);
    return goal.custom ? this.registerCustom(goal) : this.registerComponent(goal);
  }

  /** A component has no provider: same when its inputs are, else an update (or a create). step_generator.go, diff. */
  private registerComponent(goal: Goal): Registered {
    const old = this.olds.get(goal.urn);
    const decision: Decision = !old ? { op: "create", inputs: goal.inputs } : deepEqual(old.inputs, goal.inputs) ? { op: "same", inputs: goal.inputs } : { op: "update", inputs: goal.inputs, initErrors: false };
    this.record(goal, decision, "", old?.outputs ?? {});
    return { urn: goal.urn, id: "", outputs: {} };
  }

  private async registerCustom(goal: Goal): Promise<Registered> {
    const old = this.olds.get(goal.urn);
    const decision = await this.planner
      .run(() => (this.stopped ? Promise.reject(new OperationStopped("stopped")) : this.decide(goal, old)))
      .catch((error: unknown) => {
        // A Check or Diff that fails (not a check failure: the call itself) ends the deployment, as the step generator's error does.
        if (error instanceof OperationStopped) throw error;
        return this.stop(`${goal.urn}: ${(error as Error).message}`);
      });
    if (decision.op === "replace" && decision.refused) {
      if (!this.options.dryRun) return this.stop(decision.refused, { urn: goal.urn, type: goal.type, op: "replace", order: decision.order, replaces: decision.replaces, error: decision.refused });
      this.errors.push(decision.refused);
    }
    return this.executors.run(() => this.apply(goal, old, decision));
  }

  /** Check, then Diff against the old state; what the step will be. */
  private async decide(goal: Goal, old: ResourceState | undefined): Promise<Decision> {
    let news = goal.inputs;
    if (old && goal.ignoreChanges.length) {
      const ignored = applyIgnoreChanges(news, old.inputs, goal.ignoreChanges);
      news = ignored.inputs;
      if (ignored.invalid.length) this.diagnostics.push({ severity: "info", urn: goal.urn, message: `cannot ignore changes in added or removed elements of the path: ${ignored.invalid.join(", ")}` });
    }
    const checked = await this.check(goal, old ? old.inputs : {}, news);
    if (!old) return { op: "create", inputs: checked };

    const diff = await this.session.diff(goal.urn, old.id!, old.outputs, checked, old.inputs);
    let changed = diff.changes === "some";
    let changedKeys: string[] = [];
    if (diff.changes === "unknown") {
      // The provider could not tell: the engine compares the inputs itself (diffResource).
      const compared = applyIgnoreChanges(checked, old.inputs, goal.ignoreChanges).inputs;
      changedKeys = [...new Set([...Object.keys(old.inputs), ...Object.keys(compared)])].filter((key) => !deepEqual(old.inputs[key], compared[key]));
      changed = changedKeys.length > 0;
    }
    // replaceOnChanges applies to the keys the engine knows changed (applyReplaceOnChanges); the Node
    // host reports none, so it acts only where the engine compared the inputs itself.
    const replaces = [...diff.replaces, ...changedKeys.filter((key) => goal.replaceOnChanges.some((path) => path === "*" || path === key || path.startsWith(`${key}.`) || path.startsWith(`${key}[`)))];
    if (!changed) return old.initErrors?.length ? { op: "update", inputs: checked, initErrors: true } : { op: "same", inputs: checked };
    if (!replaces.length) return { op: "update", inputs: checked, initErrors: false };

    const refused = goal.protect && old.protect ? `unable to replace resource "${goal.urn}" as it is currently marked for protection; remove protect from it in the program and run up first` : undefined;
    // The replacement is a new object: its defaults are computed again, with no old inputs (after the
    // protect refusal, which comes first in continueStepsFromDiff).
    const rechecked = refused ? checked : await this.check(goal, {}, goal.inputs);
    const deleteFirst = goal.deleteBeforeReplace ?? diff.deleteBeforeReplace;
    return { op: "replace", inputs: rechecked, order: deleteFirst ? "delete-before-create" : "create-before-delete", replaces: [...new Set(replaces)], refused };
  }

  /** A Check failure stops the whole operation, preview included ("resource … is invalid"). */
  private async check(goal: Goal, olds: Bag, news: Bag): Promise<Bag> {
    const checked = await this.session.check(goal.urn, olds, news);
    if (checked.failures.length) {
      const reasons = checked.failures.map((failure) => (!failure.property || failure.reason.startsWith(failure.property) ? failure.reason : `${failure.property}: ${failure.reason}`));
      return this.stop(`${goal.urn} is invalid: ${reasons.join("; ")}`);
    }
    return checked.inputs;
  }

  /** Runs the step (a preview calls no Create, Update or Delete: it answers with the checked inputs). */
  private async apply(goal: Goal, old: ResourceState | undefined, decision: Decision): Promise<Registered> {
    if (this.stopped) throw new OperationStopped("the operation stopped at an earlier error");
    const { dryRun } = this.options;
    const step = { urn: goal.urn, type: goal.type };
    try {
      switch (decision.op) {
        case "same":
          return this.record(goal, decision, old!.id!, old!.outputs);
        case "create": {
          const created = dryRun ? { id: "", outputs: decision.inputs } : await this.session.create(goal.urn, decision.inputs);
          return this.record(goal, decision, created.id, created.outputs);
        }
        case "update": {
          // The id of an updated resource stays known, even in a preview (step.go, UpdateStep.Apply).
          const outputs = dryRun ? decision.inputs : await this.session.update(goal.urn, old!.id!, old!.outputs, decision.inputs, old!.inputs);
          return this.record(goal, decision, old!.id!, outputs);
        }
        case "replace": {
          if (decision.order === "delete-before-create") {
            if (deleteCallsProvider(old!, dryRun)) await this.session.delete(goal.urn, old!.id!, old!.outputs, old!.inputs);
            this.deleted.add(old!);
          }
          const created = dryRun ? { id: "", outputs: decision.inputs } : await this.session.create(goal.urn, decision.inputs);
          if (decision.order === "create-before-delete") this.pendingDeletes.push({ ...old!, delete: true });
          return this.record(goal, decision, created.id, created.outputs);
        }
      }
    } catch (error) {
      if (error instanceof OperationStopped) throw error;
      const message = `${goal.urn}: ${(error as Error).message}`;
      const planned: PlanStep = { ...step, op: decision.op, ...(decision.op === "replace" ? { order: decision.order, replaces: decision.replaces } : {}), error: message };
      if (error instanceof PartialFailure) this.record(goal, decision, error.id, error.outputs, error.reasons, message);
      return this.stop(message, error instanceof PartialFailure ? undefined : planned);
    }
  }

  /** The new state of a resource after its step, and the step in the plan; the answer to the program. */
  private record(goal: Goal, decision: Decision, id: string, outputs: Bag, initErrors?: string[], error?: string): Registered {
    // step_executor.go, executeStep: additionalSecretOutputs, and outputs whose input is secret, are secret.
    const secretInputs = Object.keys(decision.inputs).filter((key) => isSecretEnvelope(decision.inputs[key]));
    const secured = markSecretKeys(outputs, [...goal.additionalSecretOutputs.filter((key) => key !== "id"), ...secretInputs]);
    this.news.set(goal.urn, {
      urn: goal.urn,
      type: goal.type,
      custom: goal.custom,
      ...(goal.custom ? { id } : {}),
      ...(goal.parent ? { parent: goal.parent } : {}),
      inputs: decision.inputs,
      outputs: secured,
      dependencies: goal.dependencies,
      propertyDependencies: goal.propertyDependencies,
      protect: goal.protect ?? false,
      retainOnDelete: goal.retainOnDelete ?? false,
      additionalSecretOutputs: goal.additionalSecretOutputs,
      ...(initErrors ? { initErrors } : {}),
    });
    this.plan.push({
      urn: goal.urn,
      type: goal.type,
      op: decision.op,
      ...(decision.op === "replace" ? { order: decision.order, replaces: decision.replaces, ...(decision.refused ? { error: decision.refused } : {}) } : {}),
      ...(decision.op === "update" && decision.initErrors ? { initErrors: true } : {}),
      ...(error ? { error } : {}),
    });
    return { urn: goal.urn, id, outputs: secured };
  }

  /** Stops the operation: the error is recorded, registrations still to come are refused. */
  private stop(message: string, step?: PlanStep): never {
    this.stopped = true;
    this.signalStopped();
    this.errors.push(message);
    if (step) this.plan.push(step);
    throw new OperationStopped(message);
  }
}
