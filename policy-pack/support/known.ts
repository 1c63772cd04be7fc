import { UnknownValueError } from "@pulumi/policy";

/** Stands for a value Pulumi does not know yet (during a preview, an output of a resource still to be created or updated). */
export const UNKNOWN = Symbol("unknown during preview");
export type Known<T> = T | typeof UNKNOWN;

/**
 * The value `read` returns, or UNKNOWN. Policies see resource properties through @pulumi/policy's
 * unknown-checking proxy, which throws on reading an unknown value (pulumi/pulumi-policy
 * sdk/nodejs/policy/proxy.ts, unknownCheckingProxy); left uncaught, the whole policy is skipped with an
 * advisory "can't run during preview". Reading through this lets a policy decide on what is known.
 */
export function known<T>(read: () => T): Known<T> {
  try {
    return read();
  } catch (error) {
    if (error instanceof UnknownValueError) return UNKNOWN;
    throw error;
  }
}
