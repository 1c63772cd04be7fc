import { invalidField } from "../errors";

/** RFC 6749 §3.3 scope-token characters. */
const SCOPE_TOKEN = /^[\x21\x23-\x5B\x5D-\x7E]+$/;

/** Checks every scope is a valid scope token; returns them without duplicates, in order. */
export function readScopeList(field: string, scopes: readonly string[]): string[] {
  scopes.forEach((scope, i) => {
    if (!SCOPE_TOKEN.test(scope)) throw invalidField(`${field}[${i}]`, "must be a non-empty scope token without spaces or quotes");
  });
  return [...new Set(scopes)];
}

/** Refuses scopes outside `allowed`, naming the first one. */
export function requireSubset(field: string, scopes: readonly string[], allowed: readonly string[]): void {
  const outside = scopes.find((scope) => !allowed.includes(scope));
  if (outside !== undefined) throw invalidField(field, `scope "${outside}" is not one of ${allowed.join(", ") || "(none)"}`);
}

/** The scopes of a `scope` request parameter (space-separated), or undefined when absent or blank. */
export function parseScopeParameter(value: string | null): string[] | undefined {
  const scopes = value?.split(" ").filter((scope) => scope !== "");
  return scopes && scopes.length > 0 ? [...new Set(scopes)] : undefined;
}
