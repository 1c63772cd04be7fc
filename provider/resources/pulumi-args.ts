import type * as pulumi from "@pulumi/pulumi";

/** A value whose parts may each be a Pulumi Input (an Output of another resource, a secret, …). */
export type DeepInput<T> = T extends ReadonlyArray<infer Item>
  ? ReadonlyArray<pulumi.Input<DeepInput<Item>>>
  : T extends object
    ? { [K in keyof T]: pulumi.Input<DeepInput<T[K]>> }
    : T;

/** Constructor arguments of a resource from its input schema type. */
export type PulumiArgs<T> = { [K in keyof T]: pulumi.Input<DeepInput<T[K]>> };

/**
 * The output properties of a resource class, one per key of its outputs type. A resource declares
 * them by interface merging (`interface Domain extends OutputProperties<DomainOutputs> {}`), so they
 * come from the outputs type and cannot drift from it, and no class field resets them.
 */
export type OutputProperties<Outputs> = { readonly [K in keyof Outputs]-?: pulumi.Output<Outputs[K]> };

type MissingKeys<Outputs, Listed> = Exclude<keyof Outputs, Listed>;

/**
 * The list of every output key of a resource, checked against its outputs type at compile time: a
 * key the type lacks, or a key of the type left out, is a type error naming it.
 */
export function outputKeys<Outputs>() {
  return <const Keys extends ReadonlyArray<keyof Outputs & string>>(
    keys: Keys & ([MissingKeys<Outputs, Keys[number]>] extends [never] ? unknown : { missing: MissingKeys<Outputs, Keys[number]> }),
  ): Keys => keys;
}

/** The outputs every key of which must be registered (as undefined) so the resource exposes it. */
export function outputPlaceholders<K extends string>(keys: readonly K[]): Record<K, undefined> {
  return Object.fromEntries(keys.map((key) => [key, undefined])) as Record<K, undefined>;
}
