/**
 * One shard of `npm run bench -- --shards`, in a process of its own as each `pulumi up` is: its own
 * engine stand-in, program and dynamic-provider host. Opens its stack, says it is ready, runs `up`
 * when told to go, and reports how it ended. Driven over IPC by shard-runner.ts.
 */
import { StandInStack, type OperationReport } from "../../../tools/engine-standin";
import type { FromShard, ShardOutcome, ToShard } from "./shard-messages";

let stack: StandInStack | undefined;

const send = (message: FromShard) => new Promise<void>((resolve) => process.send!(message, () => resolve()));

process.on("message", (message: ToShard) => {
  void handle(message).catch(async (error: Error) => {
    await send({ kind: "crashed", error: error.stack ?? error.message });
    process.exit(1);
  });
});

async function handle(message: ToShard): Promise<void> {
  if (message.kind === "open") {
    const { projectDir, stateFile, parallel, config, shard } = message.spec;
    stack = StandInStack.open({ projectDir, stack: shard, stateFile, parallel, config });
    await send({ kind: "ready" });
    return;
  }
  const report = await stack!.up({ skipPreview: true });
  await send({ kind: "done", outcome: outcomeOf(report) });
  process.disconnect();
}

function outcomeOf(report: OperationReport): ShardOutcome {
  const custom = report.plan.filter((step) => step.type.startsWith("pulumi-nodejs:dynamic/"));
  return {
    ok: report.ok,
    errors: report.errors.slice(0, 5),
    failedSteps: report.plan.filter((step) => step.error).length,
    operations: custom.length,
    tenantsInState: report.state.resources.filter((resource) => resource.type === "scalekit:index:Tenant").length,
    resources: report.state.resources.filter((resource) => resource.custom).map((resource) => ({ ...resource, inputs: {}, outputs: {} })),
    stepsMs: report.timing.stepsMs,
    totalMs: report.timing.totalMs,
  };
}
