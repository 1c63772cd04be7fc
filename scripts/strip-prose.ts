/** JSON as read from a YAML or JSON document. */
export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };

/**
 * A copy of a schema document without the keys `drop` selects (prose such as `description`), except
 * where a key is a name the author chose: the children of `nameMaps` keys (a property may well be
 * called "description").
 */
export function stripKeys(node: Json, drop: (key: string) => boolean, nameMaps: ReadonlySet<string>, isNameMap = false): Json {
  if (Array.isArray(node)) return node.map((item) => stripKeys(item, drop, nameMaps));
  if (node === null || typeof node !== "object") return node;
  const out: JsonObject = {};
  for (const [key, value] of Object.entries(node)) {
    if (!isNameMap && drop(key)) continue;
    out[key] = stripKeys(value, drop, nameMaps, !isNameMap && nameMaps.has(key));
  }
  return out;
}
