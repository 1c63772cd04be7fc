import { isPlainObject, isSecretEnvelope, secretEnvelope, type Bag } from "./values";

/**
 * `ignoreChanges`: each listed path of the new inputs takes its value from the old inputs (or is
 * removed when the old inputs lack it), before Check. Pulumi's processIgnoreChanges
 * (pkg/resource/deploy/step_generator.go) with PropertyPath.Reset
 * (sdk/go/common/resource/properties_path.go); `*` wildcards are not modelled.
 */
export function applyIgnoreChanges(news: Bag, olds: Bag, paths: readonly string[]): { inputs: Bag; invalid: string[] } {
  let inputs = structuredClone(news);
  const invalid: string[] = [];
  for (const path of paths) {
    const keys = parsePropertyPath(path);
    const reset = keys && resetPath(keys, olds, inputs, false);
    if (!reset) invalid.push(path);
    else inputs = reset;
  }
  return { inputs, invalid };
}

type Key = string | number;

/** `a.b[0]["c.d"]` → ["a", "b", 0, "c.d"]; undefined when the path cannot be parsed. */
export function parsePropertyPath(path: string): Key[] | undefined {
  const keys: Key[] = [];
  const pattern = /\s*(?:\.?([A-Za-z0-9_$-]+)|\[(\d+)\]|\["((?:[^"\\]|\\.)*)"\])/y;
  let index = 0;
  while (index < path.length) {
    pattern.lastIndex = index;
    const match = pattern.exec(path);
    if (!match || (keys.length === 0 && path[index] === ".")) return undefined;
    keys.push(match[1] ?? (match[2] !== undefined ? Number(match[2]) : match[3].replace(/\\(.)/g, "$1")));
    index = pattern.lastIndex;
  }
  return keys.length ? keys : undefined;
}

/** The new container with the value at `keys` reset to the old one; undefined on a path error. */
function resetPath(keys: Key[], old: unknown, value: unknown, oldSecret: boolean): any {
  const newSecret = isSecretEnvelope(value);
  const oldIsSecret = oldSecret || isSecretEnvelope(old);
  const oldInner = isSecretEnvelope(old) ? old.value : old;
  const inner = newSecret ? (value as { value: unknown }).value : value;
  const [key, ...rest] = keys;
  const container = typeof key === "number" ? Array.isArray(inner) && Array.isArray(oldInner) : isPlainObject(inner) && (oldInner === undefined || isPlainObject(oldInner));
  if (!container) return inner === undefined && oldInner === undefined ? value : undefined;
  const oldChild = (oldInner as any)?.[key];
  const copy: any = Array.isArray(inner) ? [...inner] : { ...(inner as Bag) };
  if (rest.length === 0) {
    if (oldChild === undefined) {
      if (Array.isArray(copy)) return key as number >= copy.length ? value : undefined;
      delete copy[key];
    } else {
      copy[key] = oldIsSecret && !newSecret && !isSecretEnvelope(oldChild) ? secretEnvelope(oldChild) : oldChild;
    }
  } else {
    const child = resetPath(rest, oldChild, copy[key], oldIsSecret);
    if (child === undefined) return undefined;
    copy[key] = child;
  }
  return newSecret ? secretEnvelope(copy) : copy;
}
