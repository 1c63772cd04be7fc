import * as pulumi from "@pulumi/pulumi";

/** One thing wrong with a tenants file. */
export interface TenantsFileProblem {
  /** The tenant's key, or "#<n>" (1-based position) when it has none; absent for the file as a whole. */
  tenant?: string;
  /** 1-based position of the tenant in the list. */
  index?: number;
  /** Dotted path inside the tenant entry (or the file), e.g. "sso.oidc.clientSecret"; "" for the entry itself. */
  field: string;
  /** The rule that is broken. */
  rule: string;
  /** 1-based line in the file, when known. */
  line?: number;
}

export function formatProblem(problem: TenantsFileProblem, fileName: string): string {
  const where = problem.line ? `${fileName}:${problem.line}` : fileName;
  const tenant = problem.tenant === undefined ? "" : `tenant ${problem.tenant}${problem.field ? ", " : ""}`;
  return `${where}: ${tenant}${problem.field}${tenant || problem.field ? ": " : ""}${problem.rule}`;
}

/**
 * Every problem of a tenants file, reported at once before any resource is registered. A Pulumi
 * RunError, so `pulumi up` prints the list without a stack trace.
 */
export class TenantsFileError extends pulumi.RunError {
  constructor(
    readonly fileName: string,
    readonly problems: readonly TenantsFileProblem[],
  ) {
    const count = problems.length === 1 ? "1 problem" : `${problems.length} problems`;
    super(`${fileName} has ${count}; nothing was changed:\n${problems.map((problem) => `  - ${formatProblem(problem, fileName)}`).join("\n")}`);
    this.name = "TenantsFileError";
  }
}
