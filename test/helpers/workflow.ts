import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";

/** An expression of the workflow and its value under each set of contexts given to inspectWorkflow. */
export interface InspectedExpression {
  $expression: string;
  $values: unknown[];
}

export interface InspectedWorkflow {
  /** What GitHub's parser reports: schema, contexts not allowed where used, expression syntax. */
  errors: string[];
  /** The workflow as plain JSON, each expression an InspectedExpression. */
  workflow: any;
}

export const isExpression = (value: unknown): value is InspectedExpression => typeof value === "object" && value !== null && "$expression" in value;

/** Every expression under a node of an inspected workflow. */
export function expressionsIn(node: unknown): InspectedExpression[] {
  if (isExpression(node)) return [node];
  if (Array.isArray(node)) return node.flatMap(expressionsIn);
  if (node && typeof node === "object") return Object.values(node).flatMap(expressionsIn);
  return [];
}

/**
 * Parses a GitHub Actions workflow with GitHub's own parser and evaluates its expressions under each
 * set of contexts (e.g. { matrix, github, needs }), in a child process (the parser is an ES module).
 */
export function inspectWorkflow(workflowFile: string, contextRuns: object[]): InspectedWorkflow {
  const scratch = mkdtempSync(path.join(tmpdir(), "workflow-"));
  try {
    const contexts = path.join(scratch, "contexts.json");
    writeFileSync(contexts, JSON.stringify(contextRuns));
    const hook = path.join(__dirname, "json-import-hook.mjs");
    const output = execFileSync(process.execPath, ["--import", hook, path.join(__dirname, "workflow-inspect.mjs"), workflowFile, contexts], { encoding: "utf8" });
    return JSON.parse(output);
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}
