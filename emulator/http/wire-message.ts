/**
 * A strict reader for JSON request bodies, in the spirit of protojson: every key must be a field of
 * the message, values must have the field's JSON type, enums are given by name. Keys keep their
 * presence (a PATCH changes exactly the keys it sends); `null` is kept as `null` and means "clear".
 * The first violation is reported with its full field path, e.g. `saml_config.idp_certificate`.
 */
import { invalidField } from "../errors";

export type FieldSpec =
  | { kind: "string" }
  | { kind: "bool" }
  | { kind: "int" }
  /** protojson writes 64-bit integers as JSON strings and reads either form. */
  | { kind: "int64" }
  | { kind: "enum"; values: readonly string[] }
  | { kind: "map" }
  | { kind: "message"; fields: MessageSpec }
  | { kind: "repeated"; item: FieldSpec }
  /** A real field of the message that this endpoint does not accept; the reason is returned to the caller. */
  | { kind: "refused"; reason: string };

export type MessageSpec = Readonly<Record<string, FieldSpec>>;

export const field = {
  string: (): FieldSpec => ({ kind: "string" }),
  bool: (): FieldSpec => ({ kind: "bool" }),
  int: (): FieldSpec => ({ kind: "int" }),
  int64: (): FieldSpec => ({ kind: "int64" }),
  enumOf: (values: readonly string[]): FieldSpec => ({ kind: "enum", values }),
  map: (): FieldSpec => ({ kind: "map" }),
  message: (fields: MessageSpec): FieldSpec => ({ kind: "message", fields }),
  repeated: (item: FieldSpec): FieldSpec => ({ kind: "repeated", item }),
  refused: (reason: string): FieldSpec => ({ kind: "refused", reason }),
};

export type WireObject = Record<string, unknown>;

export function readMessage(value: unknown, spec: MessageSpec, path = ""): WireObject {
  if (!isPlainObject(value)) {
    throw invalidField(path || "body", "must be a JSON object");
  }
  const out: WireObject = {};
  for (const [key, raw] of Object.entries(value)) {
    const fieldPath = path ? `${path}.${key}` : key;
    const spec_ = Object.prototype.hasOwnProperty.call(spec, key) ? spec[key] : undefined;
    if (spec_ === undefined) throw invalidField(fieldPath, `unknown field "${key}"`);
    out[key] = raw === null ? null : readValue(raw, spec_, fieldPath);
  }
  return out;
}

function readValue(raw: unknown, spec: FieldSpec, path: string): unknown {
  switch (spec.kind) {
    case "string":
      if (typeof raw !== "string") throw invalidField(path, "must be a string");
      return raw;
    case "bool":
      if (typeof raw !== "boolean") throw invalidField(path, "must be a boolean");
      return raw;
    case "int":
      if (typeof raw !== "number" || !Number.isInteger(raw)) throw invalidField(path, "must be an integer");
      return raw;
    case "int64": {
      const value = typeof raw === "string" && /^-?\d+$/.test(raw) ? Number(raw) : raw;
      if (typeof value !== "number" || !Number.isSafeInteger(value)) throw invalidField(path, "must be an integer (a number or a decimal string)");
      return value;
    }
    case "enum":
      if (typeof raw !== "string" || !spec.values.includes(raw)) {
        throw invalidField(path, `must be one of ${spec.values.join(", ")}`);
      }
      return raw;
    case "map": {
      if (!isPlainObject(raw)) throw invalidField(path, "must be an object of string values");
      for (const [k, v] of Object.entries(raw)) {
        if (typeof v !== "string") throw invalidField(`${path}.${k}`, "must be a string");
      }
      return { ...raw };
    }
    case "message":
      return readMessage(raw, spec.fields, path);
    case "repeated":
      if (!Array.isArray(raw)) throw invalidField(path, "must be an array");
      return raw.map((item, i) => {
        if (item === null) throw invalidField(`${path}[${i}]`, "must not be null");
        return readValue(item, spec.item, `${path}[${i}]`);
      });
    case "refused":
      throw invalidField(path, spec.reason);
  }
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
