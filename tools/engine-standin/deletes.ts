import type { PlanStep } from "./plan";
import type { ProviderSession } from "./provider-session";
import { runInDependencyOrder } from "./scheduler";
import { Semaphore } from "./semaphore";
import { dependenciesOf, type ResourceState } from "./state";

export interface DeleteOptions {
  dryRun: boolean;
  executors: Semaphore;
  /** Called as each delete ends (or is found impossible). */
  onStep: (step: PlanStep, resource: ResourceState, deleted: boolean) => void;
}

/**
 * Deletes resources, each only once nothing among them still depends on it (dependents first: a
 * resource waits for everything whose parent, dependency or property dependency it is). Follows
 * pkg/resource/deploy/step.go, DeleteStep.Apply: a protected resource is refused (unless it is the
 * old copy of a replacement) and the operation goes on with the others, but not with what the refused
 * one depends on (step_executor.go, cancelDueToError: protect errors continue, others cancel the rest);
 * `retainOnDelete` drops it from the state without calling Delete; a component has nothing to call;
 * a preview calls nothing.
 */
export async function deleteResources(session: ProviderSession, resources: readonly ResourceState[], options: DeleteOptions): Promise<void> {
  const keys = new Map(resources.map((resource, index) => [resource, `${index}`]));
  const dependents = new Map<string, string[]>();
  for (const resource of resources) {
    for (const urn of dependenciesOf(resource)) {
      for (const target of resources.filter((other) => other.urn === urn && other !== resource)) {
        dependents.set(keys.get(target)!, [...(dependents.get(keys.get(target)!) ?? []), keys.get(resource)!]);
      }
    }
  }
  let cancelled = false;
  const stepOf = (resource: ResourceState): PlanStep => ({ urn: resource.urn, type: resource.type, op: "delete", ...(resource.delete ? { replaced: true } : {}) });
  await runInDependencyOrder(
    resources,
    (resource) => keys.get(resource)!,
    (resource) => dependents.get(keys.get(resource)!) ?? [],
    Number.POSITIVE_INFINITY,
    async (resource) => {
      const step = stepOf(resource);
      if (cancelled) return fail(step, resource, "not attempted: the operation stopped at an earlier error");
      if (resource.protect && !resource.delete) {
        return fail(step, resource, `resource "${resource.urn}" cannot be deleted because it is protected; set protect: false (or run \`pulumi state unprotect\`) first`);
      }
      try {
        if (deleteCallsProvider(resource, options.dryRun)) await options.executors.run(() => session.delete(resource.urn, resource.id!, resource.outputs, resource.inputs));
      } catch (error) {
        cancelled = true;
        return fail(step, resource, (error as Error).message);
      }
      options.onStep(step, resource, true);
      return true;
    },
    (resource, blockedBy) => void options.onStep({ ...stepOf(resource), error: `not deleted: ${resources[Number(blockedBy)]?.urn ?? blockedBy}, which depends on it, was not deleted` }, resource, false),
  );

  function fail(step: PlanStep, resource: ResourceState, error: string): boolean {
    options.onStep({ ...step, error }, resource, false);
    return false;
  }
}

/**
 * Whether deleting the resource calls the provider's Delete: not in a preview, not for a component,
 * not when it is retained on delete; replacements included (step.go, DeleteStep.Apply).
 */
export function deleteCallsProvider(resource: ResourceState, dryRun: boolean): boolean {
  return !dryRun && resource.custom && !resource.retainOnDelete;
}
