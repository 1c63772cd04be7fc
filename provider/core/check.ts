import type { z } from "zod";
import { unknownPaths } from "./unknowns";

export interface CheckFailure {
  property: string;
  reason: string;
}

export interface CheckOutcome<T> {
  /** Normalized inputs; when some values are still unknown (preview), every field that is known is normalized and defaulted. */
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
  if (result.success && !unknown.length) return { inputs: result.data, failures: [] };
  if (result.success) return { inputs: knownFieldsNormalized(schema, own, unknown) as z.output<S>, failures: [] };
  const failures = result.error.issues
    .map((issue) => ({ property: issue.path.map(String).join("."), reason: reasonOf(issue) }))
    .filter((failure) => !unknown.some((path) => failure.property === path || failure.property.startsWith(`${path}.`) || path.startsWith(`${failure.property}.`)))
    .map((failure) => ({ property: failure.property, reason: failure.property ? `${failure.property}: ${failure.reason}` : failure.reason }));
  return { inputs: (failures.length ? own : knownFieldsNormalized(schema, own, unknown)) as z.output<S>, failures };
}

/**
 * The inputs with each top-level field that holds no unknown value parsed on its own (defaults and
 * normalization applied), and the others left as they are: a preview then diffs what an update will
 * send, instead of reporting every defaulted field as a change.
 */
function knownFieldsNormalized(schema: z.ZodType, own: Record<string, unknown>, unknown: readonly string[]): Record<string, unknown> {
  const shape = (schema as { shape?: Record<string, z.ZodType> }).shape;
  if (!shape) return own;
  const inputs = { ...own };
  for (const [key, field] of Object.entries(shape)) {
    if (unknown.some((path) => path === key || path.startsWith(`${key}.`))) continue;
    const parsed = field.safeParse(own[key]);
    if (!parsed.success) continue;
    if (parsed.data === undefined) delete inputs[key];
    else inputs[key] = parsed.data;
  }
  return inputs;
}

/** A record key's rule is nested inside zod's generic "Invalid key in record". */
function reasonOf(issue: z.core.$ZodIssue): string {
  if (issue.code === "invalid_key" && issue.issues.length) return issue.issues[0].message;
  return issue.message;
}
