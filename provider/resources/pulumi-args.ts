import type * as pulumi from "@pulumi/pulumi";

/** Constructor arguments of a resource: each input may be a Pulumi Input. */
export type PulumiArgs<T> = { [K in keyof T]: pulumi.Input<T[K]> };

/** The outputs every key of which must be registered (as undefined) so the resource exposes it. */
export function outputPlaceholders<K extends string>(keys: readonly K[]): Record<K, undefined> {
  return Object.fromEntries(keys.map((key) => [key, undefined])) as Record<K, undefined>;
}
