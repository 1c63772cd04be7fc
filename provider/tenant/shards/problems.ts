import * as pulumi from "@pulumi/pulumi";
import { formatProblem, type TenantsFileProblem } from "../file/problems";

/** A problem of the shard declaration or of one shard's tenants file; `file` is relative to the project. */
export interface ShardsProblem extends TenantsFileProblem {
  file: string;
}

/**
 * Every problem of a sharded layout, across the declaration and all tenants files, reported at once
 * in the tenants file's format (file:line: tenant, field: rule).
 */
export class ShardsError extends pulumi.RunError {
  constructor(
    readonly declarationFile: string,
    readonly problems: readonly ShardsProblem[],
  ) {
    const count = problems.length === 1 ? "1 problem" : `${problems.length} problems`;
    super(`${declarationFile} and its tenants files have ${count}; nothing was changed:\n${problems.map((problem) => `  - ${formatProblem(problem, problem.file)}`).join("\n")}`);
    this.name = "ShardsError";
  }
}
