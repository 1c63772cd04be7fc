import { invalidField } from "../errors";

export type QueryParamKind = "string" | "int" | "repeated";
export type QuerySpec = Readonly<Record<string, QueryParamKind>>;
export type QueryValues = Record<string, string | number | string[] | undefined>;

/**
 * Reads query parameters strictly: unknown names, repeated single-valued names and non-integer
 * integers are refused with the parameter named, so client typos surface instead of being ignored.
 */
export function readQuery(query: URLSearchParams, spec: QuerySpec): QueryValues {
  const out: QueryValues = {};
  for (const name of new Set(query.keys())) {
    const kind = Object.prototype.hasOwnProperty.call(spec, name) ? spec[name] : undefined;
    if (kind === undefined) throw invalidField(name, `unknown query parameter "${name}"`);
    const values = query.getAll(name);
    if (kind === "repeated") {
      out[name] = values;
      continue;
    }
    if (values.length > 1) throw invalidField(name, "must be given at most once");
    const value = values[0];
    if (kind === "int") {
      if (!/^-?\d+$/.test(value)) throw invalidField(name, "must be an integer");
      out[name] = Number(value);
    } else {
      out[name] = value;
    }
  }
  return out;
}
