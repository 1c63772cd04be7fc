import type { StackState } from "./state";
import type { Bag } from "./values";

export type StepOp = "same" | "create" | "update" | "replace" | "delete" | "refresh";

/** What the engine does (or, in a preview, would do) to one resource. */
export interface PlanStep {
  urn: string;
  type: string;
  op: StepOp;
  /** Replace: the old object is deleted before the new one is created, or after (the default). */
  order?: "create-before-delete" | "delete-before-create";
  /** Replace: the properties the provider said force it (`id` when a replacement was forced otherwise). */
  replaces?: string[];
  /** Delete: the old copy of a resource replaced create-before-delete. */
  replaced?: boolean;
  /** Update: forced by the initialization errors of the last operation, with no change of inputs. */
  initErrors?: boolean;
  /** Refresh: what reading the object found, as the diff of the refreshed state against the inputs. */
  drift?: "same" | "update" | "delete";
  /** The step failed, or (preview) would: protected resource, check failure, provider error. */
  error?: string;
}

export type ProviderMethod = "check" | "diff" | "create" | "read" | "update" | "delete";

/** One call the engine made to the dynamic-provider host. */
export interface ProviderCall {
  method: ProviderMethod;
  urn: string;
}

export interface Diagnostic {
  severity: "debug" | "info" | "warning" | "error";
  message: string;
  urn?: string;
}

export type OperationKind = "preview" | "up" | "refresh" | "destroy";

/** The outcome of one operation of the stand-in. */
export interface OperationReport {
  kind: OperationKind;
  /** No error: every step succeeded and the program (if any) ran to its end. */
  ok: boolean;
  /** What stopped or failed the operation (each failed step also carries its own). */
  errors: string[];
  /** One step per resource the operation touched or kept, in the order the steps ended. */
  plan: PlanStep[];
  calls: ProviderCall[];
  diagnostics: Diagnostic[];
  /** The stack's outputs (secret values as secret envelopes; unknown in a preview where not known). */
  outputs: Bag;
  /** The state after the operation (a preview leaves it as it was). */
  state: StackState;
  /** What the program and the provider host printed. */
  programOutput: string;
  hostOutput: string;
  timing: {
    /** From start to end, program and host start-up included. */
    totalMs: number;
    /** From the first provider call to the last: the part that depends on the provider and the API. */
    stepsMs: number;
  };
}

/** The steps that change something (everything but `same`, and refreshes that found no drift). */
export function changes(plan: readonly PlanStep[]): PlanStep[] {
  return plan.filter((step) => step.op !== "same" && !(step.op === "refresh" && step.drift === "same"));
}

/** A plan in a canonical order and shape, for comparing a preview with the update that followed. */
export function comparablePlan(plan: readonly PlanStep[]): string[] {
  return plan
    .map((step) => [step.op, step.urn, step.order, step.replaced && "replaced", step.initErrors && "init-errors", step.replaces && [...step.replaces].sort().join(",")].filter(Boolean).join(" "))
    .sort();
}
