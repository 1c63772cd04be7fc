import type { z } from "zod";
import { unknownPaths } from "./unknowns";

export interface CheckFailure {
  property: string;
  reason: string;
}

export interface CheckOutcome<T> {
  /** Normalized inputs, or the raw inputs when some values are still unknown (preview). */
  inputs: T;
  failures: CheckFailure[];
}

/** Keys Pulumi adds to every input bag that are not ours to validate. */
const HOST_KEYS = new Set(["__provider"]);

/**
 * Validates and normalizes resource inputs with a zod schema, without any I/O. Values not known yet
 * (preview) are not judged; each failure names the input path and the rule it breaks.
 */
export function checkInputs<S extends z.ZodType>(schema: S, news: Record<string, unknown>): CheckOutcome<z.output<S>> {
  const own = Object.fromEntries(Object.entries(news).filter(([key]) => !HOST_KEYS.has(key)));
  const unknown = unknownPaths(own);
  const result = schema.safeParse(own);
  if (result.success) {
    return { inputs: unknown.length ? (own as z.output<S>) : result.data, failures: [] };
  }
  const failures = result.error.issues
    .map((issue) => ({ property: issue.path.map(String).join("."), reason: reasonOf(issue) }))
    .filter((failure) => !unknown.some((path) => failure.property === path || failure.property.startsWith(`${path}.`) || path.startsWith(`${failure.property}.`)))
    .map((failure) => ({ property: failure.property, reason: failure.property ? `${failure.property}: ${failure.reason}` : failure.reason }));
  return { inputs: own as z.output<S>, failures };
}

/** A record key's rule is nested inside zod's generic "Invalid key in record". */
function reasonOf(issue: z.core.$ZodIssue): string {
  if (issue.code === "invalid_key" && issue.issues.length) return issue.issues[0].message;
  return issue.message;
}
