/**
 * Derives the OpenAPI test fixture from Scalekit's public spec: only the operations the emulator
 * implements, only the component schemas they reference (transitively), and without prose
 * (`description`, `summary`, `example(s)`, `title`) or vendor extensions (`x-*`).
 *
 *   npm run build && node dist/scripts/derive-openapi-fixture.js <path/to/scalekit.yaml> [output.json]
 *
 * The output defaults to test/fixtures/scalekit-openapi.subset.json; commit it (tests never read the
 * full spec).
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";
import { stripKeys, type Json, type JsonObject } from "./strip-prose";

/** Public operations the emulator serves (PREVIEW ones are not in the public spec). */
export const EMULATED_OPERATIONS = [
  "OrganizationService_CreateOrganization",
  "OrganizationService_ListOrganization",
  "OrganizationService_GetOrganization",
  "OrganizationService_GetOrganizationByExternalId",
  "OrganizationService_UpdateOrganization",
  "OrganizationService_UpdateOrganizationSettings",
  "OrganizationService_DeleteOrganization",
  "OrganizationService_GeneratePortalLink",
  "DomainService_CreateDomain",
  "DomainService_GetDomain",
  "DomainService_ListDomains",
  "DomainService_DeleteDomain",
  "ConnectionService_GetConnection",
  "ConnectionService_ListConnections",
  "ConnectionService_EnableConnection",
  "ConnectionService_DisableConnection",
  "ConnectionService_DeleteConnection",
];

const PROSE_KEYS = new Set(["description", "summary", "example", "examples", "title"]);
/** Keys whose children are names chosen by the author (a property may well be called "description"). */
const NAME_MAPS = new Set(["properties", "patternProperties", "$defs", "schemas", "paths", "responses", "content", "headers"]);
const OPERATION_KEYS = new Set(["operationId", "parameters", "requestBody", "responses"]);
const SCHEMA_REF = "#/components/schemas/";


export function deriveFixture(spec: JsonObject, operationIds: readonly string[]): JsonObject {
  const paths: JsonObject = {};
  const found = new Set<string>();
  for (const [path, item] of Object.entries(spec.paths as JsonObject)) {
    for (const [method, operation] of Object.entries(item as JsonObject)) {
      const op = operation as JsonObject;
      if (typeof op !== "object" || !operationIds.includes(op.operationId as string)) continue;
      found.add(op.operationId as string);
      const kept = Object.fromEntries(Object.entries(op).filter(([key]) => OPERATION_KEYS.has(key)));
      ((paths[path] ??= {}) as JsonObject)[method] = strip(kept, false);
    }
  }
  const missing = operationIds.filter((id) => !found.has(id));
  if (missing.length > 0) throw new Error(`operations not in the spec: ${missing.join(", ")}`);

  const allSchemas = (spec.components as JsonObject).schemas as JsonObject;
  const schemas: JsonObject = {};
  const pending = [...referencedSchemas(paths)];
  while (pending.length > 0) {
    const name = pending.pop() as string;
    if (name in schemas) continue;
    if (!(name in allSchemas)) throw new Error(`missing component schema ${name}`);
    schemas[name] = strip(allSchemas[name], false);
    pending.push(...referencedSchemas(schemas[name]));
  }
  const sortedSchemas = Object.fromEntries(Object.keys(schemas).sort().map((name) => [name, schemas[name]]));
  return { openapi: spec.openapi, info: { version: (spec.info as JsonObject).version }, paths, components: { schemas: sortedSchemas } };
}

function strip(node: Json, isNameMap: boolean): Json {
  return stripKeys(node, (key) => PROSE_KEYS.has(key) || key.startsWith("x-"), NAME_MAPS, isNameMap);
}

function referencedSchemas(node: Json): Set<string> {
  const names = new Set<string>();
  const visit = (value: Json): void => {
    if (Array.isArray(value)) return value.forEach(visit);
    if (value === null || typeof value !== "object") return;
    for (const [key, child] of Object.entries(value)) {
      if (key === "$ref" && typeof child === "string" && child.startsWith(SCHEMA_REF)) names.add(child.slice(SCHEMA_REF.length));
      else visit(child);
    }
  };
  visit(node);
  return names;
}

function main(): void {
  const [input, output = join(__dirname, "..", "..", "test", "fixtures", "scalekit-openapi.subset.json")] = process.argv.slice(2);
  if (!input) {
    process.stderr.write("usage: node dist/scripts/derive-openapi-fixture.js <scalekit.yaml> [output.json]\n");
    process.exit(2);
  }
  const fixture = deriveFixture(parse(readFileSync(input, "utf8")) as JsonObject, EMULATED_OPERATIONS);
  writeFileSync(output, `${JSON.stringify(fixture, null, 2)}\n`);
  const schemaCount = Object.keys((fixture.components as JsonObject).schemas as JsonObject).length;
  process.stderr.write(`wrote ${output}: ${EMULATED_OPERATIONS.length} operations, ${schemaCount} schemas\n`);
}

if (require.main === module) main();
