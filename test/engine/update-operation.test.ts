import type { ProviderSession } from "../../tools/engine-standin/provider-session";
import type { ResourceState } from "../../tools/engine-standin/state";
import { OperationStopped, UpdateOperation, type Goal } from "../../tools/engine-standin/update";
import type { DiffResult } from "../../tools/engine-standin";

/*
 * The update's step decisions with a scripted provider (no host): the rules no real provider of this
 * project can show, because it never answers that way.
 */
type Answers = { diff?: (urn: string) => DiffResult };

function scriptedSession(answers: Answers): { session: ProviderSession; calls: string[] } {
  const calls: string[] = [];
  const session = {
    calls: [],
    check: async (urn: string, _olds: object, news: object) => (calls.push(`check ${urn}`), { inputs: news, failures: [] }),
    diff: async (urn: string) => (calls.push(`diff ${urn}`), answers.diff!(urn)),
    create: async (urn: string, inputs: object) => (calls.push(`create ${urn}`), { id: `id-${urn}`, outputs: inputs }),
    update: async (urn: string, _id: string, _olds: object, inputs: object) => (calls.push(`update ${urn}`), inputs),
    delete: async (urn: string) => void calls.push(`delete ${urn}`),
  };
  return { session: session as unknown as ProviderSession, calls };
}

const goal = (urn: string, inputs: object = { name: urn }): Goal => ({
  urn, type: "pulumi-nodejs:dynamic:Resource", custom: true, inputs, dependencies: [], propertyDependencies: {}, ignoreChanges: [], additionalSecretOutputs: [], replaceOnChanges: [],
});
const old = (urn: string, extra: Partial<ResourceState> = {}): ResourceState => ({
  urn, type: "pulumi-nodejs:dynamic:Resource", custom: true, id: `id-${urn}`, inputs: { name: urn }, outputs: { name: urn }, dependencies: [], propertyDependencies: {}, protect: false, retainOnDelete: false, additionalSecretOutputs: [], ...extra,
});

test("a resource whose last create or update failed to initialize is updated even when Diff finds no change (step_generator.go)", async () => {
  const { session, calls } = scriptedSession({ diff: () => ({ changes: "none", replaces: [], deleteBeforeReplace: false }) });
  const operation = new UpdateOperation(session, { resources: [old("half", { initErrors: ["the IdP was unreachable"] }), old("whole")], config: {} }, { dryRun: false, parallel: 2 });
  await operation.register(goal("half"));
  await operation.register(goal("whole"));
  expect(calls).toEqual(["check half", "diff half", "update half", "check whole", "diff whole"]);
  expect(operation.state().resources.find((resource) => resource.urn === "half")?.initErrors ?? []).toEqual([]);
});

test("a Diff call that fails stops the deployment: the error is the operation's, later registrations are refused, nothing more is sent", async () => {
  const { session, calls } = scriptedSession({
    diff: (urn) => {
      if (urn === "broken") throw new Error("cannot digest undefined");
      return { changes: "some", replaces: [], deleteBeforeReplace: false };
    },
  });
  const operation = new UpdateOperation(session, { resources: [old("broken"), old("next")], config: {} }, { dryRun: false, parallel: 2 });
  await expect(operation.register(goal("broken", { name: "changed" }))).rejects.toBeInstanceOf(OperationStopped);
  await expect(operation.register(goal("next", { name: "changed" }))).rejects.toBeInstanceOf(OperationStopped);
  expect(operation.errors).toEqual(["broken: cannot digest undefined"]);
  expect(operation.failed).toBe(true);
  expect(calls).toEqual(["check broken", "diff broken"]);
});
