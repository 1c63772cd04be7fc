import * as path from "node:path";
import { parseHealthArguments } from "../../provider/cli/health/arguments";
import { loadShards } from "../../provider/tenant/shards/load";
import { inspectWorkflow, type InspectedWorkflow } from "../helpers/workflow";
import { SAMPLE_LAYOUT } from "./layouts";

const WORKFLOW = path.join(SAMPLE_LAYOUT, ".github", "workflows", "scalekit-health.yml");

describe("the scheduled health workflow of the sharded sample", () => {
  let inspected: InspectedWorkflow;
  beforeAll(() => {
    inspected = inspectWorkflow(WORKFLOW, [{}]);
  });

  it("is a valid workflow for GitHub's own parser", () => {
    expect(inspected.errors).toEqual([]);
  });

  it("checks every shard of the layout's shards.yaml, which is valid as a whole", () => {
    const steps: Array<{ run?: string }> = inspected.workflow.jobs.health.steps;
    const commands = steps.flatMap((step) => (step.run ?? "").split("\n")).filter((line) => line.includes("npm run -s health"));
    expect(commands).toHaveLength(1);
    const argv = commands[0].slice(commands[0].indexOf(" -- ") + 4, commands[0].indexOf(" |")).split(" ");
    const args = parseHealthArguments(argv);
    expect(args).toMatchObject({ shards: "shards.yaml", html: "tenant-health.html", tenants: undefined });
    expect(loadShards(path.join(SAMPLE_LAYOUT, args.shards!)).shards.map((shard) => shard.name)).toEqual(["a-h", "i-r", "s-z"]);
  });
});
