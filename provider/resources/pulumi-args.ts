import type * as pulumi from "@pulumi/pulumi";

/** A value whose parts may each be a Pulumi Input (an Output of another resource, a secret, …). */
export type DeepInput<T> = T extends ReadonlyArray<infer Item>
  ? ReadonlyArray<pulumi.Input<DeepInput<Item>>>
  : T extends object
    ? { [K in keyof T]: pulumi.Input<DeepInput<T[K]>> }
    : T;

/** Constructor arguments of a resource from its input schema type. */
export type PulumiArgs<T> = { [K in keyof T]: pulumi.Input<DeepInput<T[K]>> };

/** The outputs every key of which must be registered (as undefined) so the resource exposes it. */
export function outputPlaceholders<K extends string>(keys: readonly K[]): Record<K, undefined> {
  return Object.fromEntries(keys.map((key) => [key, undefined])) as Record<K, undefined>;
}
