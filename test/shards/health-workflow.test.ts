import { spawnSync } from "node:child_process";
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { parseHealthArguments } from "../../provider/cli/health/arguments";
import { loadShards } from "../../provider/tenant/shards/load";
import { inspectWorkflow, type InspectedWorkflow } from "../helpers/workflow";
import { SAMPLE_LAYOUT } from "./layouts";

const WORKFLOW = path.join(SAMPLE_LAYOUT, ".github", "workflows", "scalekit-health.yml");

/**
 * How the runner runs a `run:` script for the step's `shell` on Linux (GitHub docs, "Workflow syntax",
 * jobs.<job_id>.steps[*].shell): unset is `bash -e {0}`, `bash` adds pipefail.
 */
const RUNNER_SHELLS: Record<string, string[]> = { "": ["-e"], bash: ["--noprofile", "--norc", "-eo", "pipefail"] };

type Step = { name?: string; run?: string; shell?: string };

/** Runs the step's script as the runner does, with an `npm` on PATH that prints a line and exits with `npmExit`. */
function runStep(step: Step, npmExit: number): { status: number | null; summary: string } {
  const folder = mkdtempSync(path.join(tmpdir(), "health-step-"));
  try {
    writeFileSync(path.join(folder, "npm"), `#!/bin/sh\necho "acme  needs action"\nexit ${npmExit}\n`);
    chmodSync(path.join(folder, "npm"), 0o755);
    const script = path.join(folder, "step.sh");
    writeFileSync(script, step.run!);
    const summary = path.join(folder, "summary.md");
    writeFileSync(summary, "");
    const result = spawnSync("bash", [...RUNNER_SHELLS[step.shell ?? ""], script], { env: { PATH: `${folder}:${process.env.PATH}`, GITHUB_STEP_SUMMARY: summary }, encoding: "utf8" });
    return { status: result.status, summary: readFileSync(summary, "utf8") };
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

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

  it("fails the job when a tenant needs action, and passes when none does, the summary fenced either way", () => {
    const steps: Step[] = inspected.workflow.jobs.health.steps;
    const step = steps.find((candidate) => candidate.run?.includes("npm run -s health"))!;
    expect(runStep(step, 1)).toEqual({ status: 1, summary: "```\nacme  needs action\n```\n" });
    expect(runStep(step, 0)).toEqual({ status: 0, summary: "```\nacme  needs action\n```\n" });
  });
});
