import type { z } from "zod";

export interface FieldIssue {
  path: PropertyKey[];
  rule: string;
}

/**
 * zod issues as field + rule, worded for a person editing YAML: a union reports the branch the value
 * was meant for, an unknown key points at the key itself, a missing value says it is required.
 */
export function fieldIssues(issues: readonly z.core.$ZodIssue[], prefix: PropertyKey[] = []): FieldIssue[] {
  return issues.flatMap((issue): FieldIssue[] => {
    const path = [...prefix, ...issue.path];
    if (issue.code === "invalid_union" && "errors" in issue) {
      const intended = issue.errors.filter((branch) => !branch.some((inner) => inner.code === "invalid_type" && inner.path.length === 0));
      if (intended.length === 1) return fieldIssues(intended[0], path);
    }
    if (issue.code === "invalid_key" && issue.issues.length) return fieldIssues(issue.issues, path);
    if (issue.code === "unrecognized_keys") return issue.keys.map((key) => ({ path: [...path, key], rule: "is not a known field" }));
    if (issue.code === "invalid_type" && / received undefined$/.test(issue.message)) return [{ path, rule: "is required" }];
    return [{ path, rule: issue.message }];
  });
}
