import * as pulumi from "@pulumi/pulumi";
import { scalekitProvider } from "../../provider/shim";
import type { ResourceKind } from "./tenant";

/** The `__provider` text `dynamic.Resource` would store for each kind, serialized as Pulumi does it. */
export async function serializedProviders(kinds: readonly ResourceKind[]): Promise<Record<ResourceKind, string>> {
  const providers = {} as Record<ResourceKind, string>;
  for (const kind of kinds) {
    const provider = scalekitProvider(kind);
    providers[kind] = (await pulumi.runtime.serializeFunction(() => provider, { allowSecrets: true } as pulumi.runtime.SerializeFunctionArgs)).text;
  }
  return providers;
}
