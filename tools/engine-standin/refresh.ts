import type { PlanStep } from "./plan";
import type { ProviderSession } from "./provider-session";
import { Semaphore } from "./semaphore";
import type { ResourceState, StackState } from "./state";
import { deepEqual, markSecretKeys } from "./values";

/**
 * `pulumi refresh` (without running the program): every custom resource read back, following
 * pkg/resource/deploy/step.go, RefreshStep.Apply. Read(id, inputs, outputs); no id drops the resource;
 * the state takes the inputs Read returns (else keeps its own) and the outputs; then the drift shown is
 * the diff of an `up` right after: Diff(refreshed outputs, the inputs recorded before the refresh).
 * Components are kept as they are.
 */
export async function refreshResources(session: ProviderSession, previous: StackState, parallel: number): Promise<{ state: StackState; plan: PlanStep[]; errors: string[] }> {
  const executors = new Semaphore(Math.max(1, parallel));
  const plan: PlanStep[] = [];
  const errors: string[] = [];
  const refreshed = await Promise.all(
    previous.resources.map(async (old): Promise<ResourceState | undefined> => {
      if (!old.custom || old.delete) return old;
      const step: PlanStep = { urn: old.urn, type: old.type, op: "refresh" };
      try {
        const found = await executors.run(async () => {
          const read = await session.read(old.urn, old.id!, old.inputs, old.outputs);
          if (!read.id) return undefined;
          const { initErrors: _cleared, ...kept } = old;
          const resource: ResourceState = {
            ...kept,
            id: read.id,
            inputs: read.inputs ?? old.inputs,
            outputs: markSecretKeys(read.outputs, old.additionalSecretOutputs.filter((key) => key !== "id")),
          };
          const diff = await session.diff(old.urn, read.id, resource.outputs, old.inputs, resource.inputs);
          const drifted = diff.changes === "some" || (diff.changes === "unknown" && !deepEqual(resource.inputs, old.inputs));
          return { resource, drifted };
        });
        plan.push({ ...step, drift: !found ? "delete" : found.drifted ? "update" : "same" });
        return found?.resource;
      } catch (error) {
        const message = `${old.urn}: ${(error as Error).message}`;
        plan.push({ ...step, error: message });
        errors.push(message);
        return old;
      }
    }),
  );
  return { state: { resources: refreshed.filter((resource): resource is ResourceState => resource !== undefined), config: previous.config }, plan, errors };
}
