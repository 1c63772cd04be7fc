/**
 * Derives the Pulumi Kubernetes Operator `Stack` schema fixture from the operator's published CRD:
 * the served storage version's `openAPIV3Schema`, without `description` (the `x-kubernetes-*`
 * extensions stay: they carry rules). Source: pulumi/pulumi-kubernetes-operator v2.9.0 (commit
 * b713fae5a35041d899b0f64151a151f3df068ad1), operator/config/crd/bases/pulumi.com_stacks.yaml; the
 * same file is deploy/crds/pulumi.com_stacks.yaml in the release.
 *
 *   npm run build && node dist/scripts/derive-operator-crd-fixture.js <pulumi.com_stacks.yaml> [output.json]
 *
 * The output defaults to test/fixtures/pulumi-operator-stack-crd.json; commit it (tests never read the CRD).
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";
import { stripKeys, type Json, type JsonObject } from "./strip-prose";

export const OPERATOR_CRD_SOURCE = {
  repository: "pulumi/pulumi-kubernetes-operator",
  version: "v2.9.0",
  path: "operator/config/crd/bases/pulumi.com_stacks.yaml",
};

/** Keys whose children are names chosen by the author, not schema keywords. */
const NAME_MAPS = new Set(["properties", "patternProperties"]);

export function deriveStackCrdFixture(crd: JsonObject): JsonObject {
  const spec = crd.spec as JsonObject;
  const names = spec.names as JsonObject;
  if (spec.group !== "pulumi.com" || names.kind !== "Stack") throw new Error(`not the Stack CRD: ${String(spec.group)}/${String(names.kind)}`);
  const storage = (spec.versions as JsonObject[]).find((version) => version.storage === true && version.served === true);
  if (!storage) throw new Error("the CRD has no served storage version");
  const schema = (storage.schema as JsonObject).openAPIV3Schema;
  return {
    source: OPERATOR_CRD_SOURCE,
    apiVersion: `${spec.group}/${storage.name}`,
    kind: names.kind,
    schema: stripKeys(schema as Json, (key) => key === "description", NAME_MAPS),
  };
}

function main(): void {
  const [input, output = join(__dirname, "..", "..", "test", "fixtures", "pulumi-operator-stack-crd.json")] = process.argv.slice(2);
  if (!input) {
    process.stderr.write("usage: node dist/scripts/derive-operator-crd-fixture.js <pulumi.com_stacks.yaml> [output.json]\n");
    process.exit(2);
  }
  const fixture = deriveStackCrdFixture(parse(readFileSync(input, "utf8")) as JsonObject);
  writeFileSync(output, `${JSON.stringify(fixture, null, 1)}\n`);
  process.stderr.write(`wrote ${output}: ${fixture.apiVersion} ${fixture.kind}\n`);
}

if (require.main === module) main();
