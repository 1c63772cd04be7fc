/** The value Pulumi sends for inputs that are not known yet (outputs of resources still to be created). */
export const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

export function isUnknown(value: unknown): boolean {
  return value === UNKNOWN;
}

/** Dotted paths of every unknown value in an input bag (e.g. "oidc.clientSecret", "domains.0"). */
export function unknownPaths(value: unknown, prefix = ""): string[] {
  if (isUnknown(value)) return [prefix];
  if (Array.isArray(value)) return value.flatMap((item, index) => unknownPaths(item, join(prefix, String(index))));
  if (value && typeof value === "object") {
    return Object.entries(value).flatMap(([key, item]) => unknownPaths(item, join(prefix, key)));
  }
  return [];
}

function join(prefix: string, key: string): string {
  return prefix ? `${prefix}.${key}` : key;
}
