import Ajv, { type ErrorObject } from "ajv";
import addFormats from "ajv-formats";

/** A CRD fixture as scripts/derive-operator-crd-fixture.ts writes it. */
export interface CrdFixture {
  apiVersion: string;
  kind: string;
  schema: Record<string, unknown>;
}

type Schema = Record<string, any>;

/**
 * Validates objects against a CRD's structural schema the way the API server does on
 * `kubectl apply` (whose default field validation, Strict, refuses unknown fields): properties not
 * in the schema are errors unless `x-kubernetes-preserve-unknown-fields`; `int32`/`int64` ranges;
 * `x-kubernetes-list-type` set/map uniqueness; ObjectMeta name, namespace and labels; and the
 * `x-kubernetes-validations` CEL rules of the forms this validator knows (an unknown rule fails at
 * compile time, so a re-derived fixture with new rules cannot pass unchecked).
 */
export function kubernetesValidator(fixture: CrdFixture): (object: unknown) => string[] {
  const ajv = new Ajv({ allErrors: true, strict: true, strictTypes: false, strictRequired: false });
  addFormats(ajv);
  ajv.addFormat("int32", { type: "number", validate: (n: number) => Number.isInteger(n) && n >= -(2 ** 31) && n < 2 ** 31 });
  ajv.addFormat("int64", { type: "number", validate: (n: number) => Number.isSafeInteger(n) });
  for (const keyword of ["x-kubernetes-map-type", "x-kubernetes-int-or-string", "x-kubernetes-list-map-keys", "x-kubernetes-preserve-unknown-fields"]) {
    ajv.addKeyword({ keyword, schemaType: ["string", "boolean", "array"] });
  }
  ajv.addKeyword({
    keyword: "x-kubernetes-list-type",
    type: "array",
    schemaType: "string",
    validate: (listType: string, items: unknown[], parent?: Schema) => {
      if (listType === "atomic") return true;
      const identity = (item: any) => (listType === "map" ? JSON.stringify((parent?.["x-kubernetes-list-map-keys"] ?? []).map((key: string) => item?.[key])) : JSON.stringify(item));
      return new Set(items.map(identity)).size === items.length;
    },
  });
  ajv.addKeyword({
    keyword: "x-kubernetes-validations",
    schemaType: "array",
    compile: (rules: Array<{ rule: string; message?: string }>) => {
      const checks = rules.map(compileCelRule);
      const validate = (self: unknown): boolean => {
        const failed = checks.filter((check) => !check.holds(self));
        (validate as any).errors = failed.map((check) => ({ keyword: "x-kubernetes-validations", message: check.message, params: {} }));
        return failed.length === 0;
      };
      return validate;
    },
  });
  const validate = ajv.compile(strictFields(fixture.schema) as Schema);
  const [group, version] = fixture.apiVersion.split("/");
  return (object) => {
    const errors = validate(object) ? [] : (validate.errors ?? []).map(describe);
    const { apiVersion, kind, metadata } = (object ?? {}) as { apiVersion?: unknown; kind?: unknown; metadata?: any };
    if (apiVersion !== `${group}/${version}`) errors.push(`/apiVersion must be ${group}/${version}`);
    if (kind !== fixture.kind) errors.push(`/kind must be ${fixture.kind}`);
    errors.push(...objectMetaProblems(metadata));
    return errors;
  };
}

/** The schema with `additionalProperties: false` wherever the API server would prune (and Strict refuse) unknown fields. */
function strictFields(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(strictFields);
  if (!node || typeof node !== "object") return node;
  const schema = Object.fromEntries(Object.entries(node).map(([key, value]) => [key, key === "properties" ? mapValues(value as Schema, strictFields) : strictFields(value)])) as Schema;
  if (schema.properties && schema.additionalProperties === undefined && !schema["x-kubernetes-preserve-unknown-fields"]) schema.additionalProperties = false;
  return schema;
}

const mapValues = (object: Schema, transform: (value: unknown) => unknown) => Object.fromEntries(Object.entries(object).map(([key, value]) => [key, transform(value)]));

function compileCelRule({ rule, message }: { rule: string; message?: string }): { holds(self: unknown): boolean; message: string } {
  const sizeAtMost = /^size\(self((?:\.[A-Za-z_][A-Za-z0-9_]*)+)\) <= (\d+)$/.exec(rule);
  if (!sizeAtMost) throw new Error(`CEL rule not supported by this validator: ${rule}`);
  const path = sizeAtMost[1].slice(1).split(".");
  const limit = Number(sizeAtMost[2]);
  return {
    holds: (self) => {
      const value = path.reduce<any>((at, key) => at?.[key], self);
      return value === undefined || String(value).length <= limit;
    },
    message: message ?? `must satisfy ${rule}`,
  };
}

const DNS_SUBDOMAIN = /^(?=.{1,253}$)[a-z0-9](?:[-a-z0-9]*[a-z0-9])?(?:\.[a-z0-9](?:[-a-z0-9]*[a-z0-9])?)*$/;
const DNS_LABEL = /^[a-z0-9](?:[-a-z0-9]{0,61}[a-z0-9])?$/;
const LABEL_NAME = /^(?=.{1,63}$)[A-Za-z0-9](?:[-A-Za-z0-9_.]*[A-Za-z0-9])?$/;
const LABEL_VALUE = /^(?:(?=.{1,63}$)[A-Za-z0-9](?:[-A-Za-z0-9_.]*[A-Za-z0-9])?)?$/;

/** What the API server checks of every object's metadata (k8s.io/apimachinery ValidateObjectMeta). */
function objectMetaProblems(metadata: any): string[] {
  if (!metadata || typeof metadata !== "object") return ["/metadata is required"];
  const problems: string[] = [];
  if (typeof metadata.name !== "string" || !DNS_SUBDOMAIN.test(metadata.name)) problems.push("/metadata/name must be a DNS subdomain");
  if (metadata.namespace !== undefined && (typeof metadata.namespace !== "string" || !DNS_LABEL.test(metadata.namespace))) problems.push("/metadata/namespace must be a DNS label");
  for (const [key, value] of Object.entries(metadata.labels ?? {})) {
    const [prefix, name] = key.includes("/") ? key.split("/", 2) : [undefined, key];
    if ((prefix !== undefined && !DNS_SUBDOMAIN.test(prefix)) || !LABEL_NAME.test(name)) problems.push(`/metadata/labels: ${key} is not a valid label key`);
    if (typeof value !== "string" || !LABEL_VALUE.test(value)) problems.push(`/metadata/labels/${key} is not a valid label value`);
  }
  return problems;
}

function describe(error: ErrorObject): string {
  const extra = error.keyword === "additionalProperties" ? ` (${(error.params as { additionalProperty: string }).additionalProperty})` : "";
  return `${error.instancePath || "/"} ${error.message}${extra}`;
}
