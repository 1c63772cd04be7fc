/** What a change of one input field means for the resource. */
export interface FieldRule {
  /** The API cannot change it in place: a change replaces the resource. */
  replaces?: boolean;
  /** Removing the input leaves the server value alone (the API offers no way to clear it). */
  unmanagedWhenOmitted?: boolean;
  /** Read only by create (how to adopt an existing object): never a change, whatever its value. */
  createOnly?: boolean;
}

/** Every input field of a resource with its rule; the type makes a forgotten field a compile error. */
export type DiffRules<Inputs> = { [K in keyof Required<Inputs>]: FieldRule };

export interface DiffOutcome {
  changes: boolean;
  replaces: string[];
  deleteBeforeReplace?: boolean;
}

/** Structural equality where absent, undefined and null are the same and key order does not matter. */
export function sameValue(a: unknown, b: unknown): boolean {
  if (a === undefined || a === null) return b === undefined || b === null;
  if (b === undefined || b === null) return false;
  if (Array.isArray(a) || Array.isArray(b)) {
    return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((item, index) => sameValue(item, b[index]));
  }
  if (typeof a === "object" && typeof b === "object") {
    const keys = new Set([...Object.keys(a as object), ...Object.keys(b as object)]);
    return [...keys].every((key) => sameValue((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key]));
  }
  return a === b;
}

/** Input fields whose new value differs from the old one, honouring `unmanagedWhenOmitted` and `createOnly`. */
export function changedFields<Inputs>(rules: DiffRules<Inputs>, oldValues: object, newValues: object): Array<keyof Inputs & string> {
  const olds = oldValues as Record<string, unknown>;
  const news = newValues as Record<string, unknown>;
  return (Object.keys(rules) as Array<keyof Inputs & string>).filter((field) => {
    const rule: FieldRule = rules[field];
    if (rule.createOnly) return false;
    if (rule.unmanagedWhenOmitted && (news[field] === undefined || news[field] === null)) return false;
    return !sameValue(olds[field], news[field]);
  });
}

/**
 * A local diff (no API call): old outputs against new checked inputs, with the replace list taken from
 * the rules. A changed serialized provider is a change too, so new provider code reaches the state.
 */
export function diffByRules<Inputs>(
  rules: DiffRules<Inputs>,
  olds: object,
  news: object,
  extraChanges: ReadonlyArray<keyof Inputs & string> = [],
): DiffOutcome & { changed: Array<keyof Inputs & string> } {
  const changed = [...new Set([...changedFields(rules, olds, news), ...extraChanges])];
  const replaces = changed.filter((field) => (rules[field] as FieldRule).replaces);
  const oldProvider = (olds as { __provider?: unknown }).__provider;
  const newProvider = (news as { __provider?: unknown }).__provider;
  const providerChanged = oldProvider !== undefined && newProvider !== undefined && oldProvider !== newProvider;
  return { changes: changed.length > 0 || providerChanged, replaces, changed };
}
