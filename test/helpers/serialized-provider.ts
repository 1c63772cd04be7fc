import * as pulumi from "@pulumi/pulumi";
import * as path from "node:path";

/**
 * The `__provider` text Pulumi would store for a resource kind, serialized from the built package
 * (dist) exactly as `dynamic.Resource` does it.
 */
export async function serializedProvider(kind: string): Promise<string> {
  const { scalekitProvider } = require(path.resolve(__dirname, "../../dist/provider/shim"));
  const provider = scalekitProvider(kind);
  const serialized = await pulumi.runtime.serializeFunction(() => provider, { allowSecrets: true } as any);
  return serialized.text;
}
