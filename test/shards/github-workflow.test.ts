import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { parse } from "yaml";
import { loadShards } from "../../provider";
import { runShardsCommand } from "../../provider/cli/shards/command";
import { githubMatrix, type ShardMatrixEntry } from "../../provider/cli/shards/github-matrix";
import { expressionsIn, inspectWorkflow, isExpression, type InspectedWorkflow } from "../helpers/workflow";
import { SAMPLE_LAYOUT } from "./layouts";

const WORKFLOW = path.join(SAMPLE_LAYOUT, ".github", "workflows", "scalekit-onboarding.yml");
const SHARD_JOBS = ["preview", "up"];

let scratch: string;
let entries: ShardMatrixEntry[];
let stepOutputs: Record<string, string>;
let inspected: InspectedWorkflow;

/** The contexts a matrix job of the workflow sees, one set per matrix entry. */
const contextsFor = (matrixEntries: object[]) =>
  matrixEntries.map((matrix) => ({ matrix, github: { event_name: "pull_request", event: { pull_request: { number: 42 } } }, needs: { shards: { outputs: stepOutputs } } }));

beforeAll(() => {
  scratch = mkdtempSync(path.join(tmpdir(), "workflow-"));
  // The step outputs exactly as the workflow's `shards` job sets them.
  const outputFile = path.join(scratch, "github-output");
  writeFileSync(outputFile, "");
  const code = runShardsCommand(["--check", "--github-output"], { cwd: SAMPLE_LAYOUT, env: { GITHUB_OUTPUT: outputFile }, out: () => {}, err: (line) => console.error(line) });
  expect(code).toBe(0);
  stepOutputs = Object.fromEntries(readFileSync(outputFile, "utf8").trim().split("\n").map((line) => [line.slice(0, line.indexOf("=")), line.slice(line.indexOf("=") + 1)]));
  entries = githubMatrix(loadShards(path.join(SAMPLE_LAYOUT, "shards.yaml"))).matrix.include;
  inspected = inspectWorkflow(WORKFLOW, contextsFor(entries));
});
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** Matrix fields a job uses that some entry lacks, and expressions of the job that fail or come out empty. */
function matrixUseProblems(workflow: InspectedWorkflow["workflow"], matrixEntries: object[]): string[] {
  const problems: string[] = [];
  for (const job of SHARD_JOBS) {
    for (const { $expression, $values } of expressionsIn(workflow.jobs[job])) {
      for (const [, field] of $expression.matchAll(/\bmatrix\.([A-Za-z_][\w-]*)/g)) {
        matrixEntries.forEach((entry, index) => {
          if (!(field in entry)) problems.push(`${job}: matrix.${field} is not a field of entry ${index}`);
        });
      }
      $values.forEach((value, index) => {
        if (value === null || value === "" || (typeof value === "object" && "$error" in value)) problems.push(`${job}: ${$expression} is empty or fails for entry ${index}`);
      });
    }
  }
  return problems;
}

describe("the sample workflow and the matrix it reads", () => {
  it("is a valid workflow for GitHub's own parser", () => {
    expect(inspected.errors).toEqual([]);
  });

  it("gets the matrix and max-parallel from `npm run shards -- --check --github-output` in its shards job", () => {
    const { shards } = inspected.workflow.jobs;
    const step = shards.steps.find((candidate: any) => candidate.run === "npm run shards -- --check --github-output");
    expect(step?.id).toBeDefined();
    expect(shards.outputs.matrix.$expression).toBe(`steps.${step.id}.outputs.matrix`);
    expect(shards.outputs["max-parallel"].$expression).toBe(`steps.${step.id}.outputs.max-parallel`);
  });

  it.each(SHARD_JOBS)("%s: runs one job per shard, max-parallel at shardsAtOnce, without cancelling the other shards", (job) => {
    const { needs, strategy } = inspected.workflow.jobs[job];
    expect([needs].flat()).toContain("shards");
    expect(strategy["fail-fast"]).toBe(false);
    for (const value of strategy.matrix.$values) expect(value).toEqual({ include: entries });
    expect(strategy["max-parallel"].$values).toEqual(entries.map(() => 2));
  });

  it("uses only matrix fields every entry has, and every expression of the shard jobs has a value", () => {
    expect(matrixUseProblems(inspected.workflow, entries)).toEqual([]);
  });

  it("gives each stack its own concurrency group: updates queue per stack, previews per pull request and stack", () => {
    const { up, preview } = inspected.workflow.jobs;
    expect(up.concurrency["cancel-in-progress"]).toBe(false);
    expect(preview.concurrency["cancel-in-progress"]).toBe(true);
    const upGroups = up.concurrency.group.$values;
    const previewGroups = preview.concurrency.group.$values;
    expect(upGroups).toEqual(entries.map((entry) => entry.concurrencyGroup));
    expect(new Set([...upGroups, ...previewGroups]).size).toBe(2 * entries.length);
    expect(previewGroups.every((group: string) => group.endsWith("-preview-42"))).toBe(true);
  });

  it.each(SHARD_JOBS)("%s: runs pulumi on the entry's stack with its tenants file and request cap as stack config", (job) => {
    const pulumiStep = inspected.workflow.jobs[job].steps.find((step: any) => step.uses === "pulumi/actions@v6");
    expect(pulumiStep.with["stack-name"].$values).toEqual(entries.map((entry) => entry.stack));
    const configMaps = pulumiStep.with["config-map"].$values.map((text: string) => parse(text));
    expect(configMaps).toEqual(entries.map((entry) => entry.config));
    for (const [index, config] of configMaps.entries()) {
      expect(config["scalekit:requestsPerMinute"]).toEqual({ value: "300", secret: false }); // 600 ÷ 2 at once
      expect(config["scalekit-onboarding:tenantsFile"]).toEqual({ value: entries[index].tenantsFile, secret: false });
    }
  });

  it("passes every `{ env }` secret reference of every shard to the jobs", () => {
    const variables = loadShards(path.join(SAMPLE_LAYOUT, "shards.yaml")).shards.flatMap((shard) => shard.secretReferences.flatMap((reference) => ("env" in reference ? [reference.env] : [])));
    expect(variables).toEqual(["GLOBEX_ENTRA_CLIENT_SECRET"]);
    for (const variable of variables) expect(isExpression(inspected.workflow.env[variable])).toBe(true);
  });
});

describe("the checks catch a workflow that does not fit its matrix", () => {
  const variant = (change: (text: string) => string) => {
    const file = path.join(scratch, `variant-${Math.random().toString(36).slice(2)}.yml`);
    writeFileSync(file, change(readFileSync(WORKFLOW, "utf8")));
    return file;
  };

  it("a matrix field the generator does not write", () => {
    const file = variant((text) => text.replace("stack-name: ${{ matrix.stack }}", "stack-name: ${{ matrix.stackName }}"));
    const { errors, workflow } = inspectWorkflow(file, contextsFor(entries));
    expect(errors).toEqual([]);
    expect(matrixUseProblems(workflow, entries)).toEqual([
      ...entries.map((_, index) => `preview: matrix.stackName is not a field of entry ${index}`),
      ...entries.map((_, index) => `preview: matrix.stackName is empty or fails for entry ${index}`),
    ]);
  });

  it("a context GitHub does not allow where it is used", () => {
    const file = variant((text) => text.replace("group: ${{ matrix.concurrencyGroup }}", "group: ${{ steps.shards.outputs.group }}"));
    expect(inspectWorkflow(file, contextsFor(entries)).errors).toEqual([expect.stringContaining("Unrecognized named-value: 'steps'")]);
  });
});
