import { isMap, isScalar, isSeq, type Document, type Node } from "yaml";

/** A node of a YAML document with where it sits: a mapping key, or the value at `path`. */
export interface LocatedNode {
  node: Node;
  /** Keys and list positions from the document's root, e.g. ["tenants", 0, "metadata", "plan"]. */
  path: PropertyKey[];
  /** True for the key of a mapping entry (its path ends with the key itself). */
  isKey: boolean;
}

/** Every node of the document, parents before children, in file order; aliases are not followed. */
export function* nodesOf(document: Document): Generator<LocatedNode> {
  if (document.contents) yield* walk(document.contents as Node, []);
}

function* walk(node: Node, path: PropertyKey[]): Generator<LocatedNode> {
  yield { node, path, isKey: false };
  if (isMap(node)) {
    for (const pair of node.items) {
      const key = isScalar(pair.key) ? String(pair.key.value) : String(pair.key);
      if (pair.key) yield { node: pair.key as Node, path: [...path, key], isKey: true };
      if (pair.value) yield* walk(pair.value as Node, [...path, key]);
    }
  } else if (isSeq(node)) {
    for (const [index, item] of node.items.entries()) if (item) yield* walk(item as Node, [...path, index]);
  }
}

/** The path of the innermost node at a character offset; [] when none holds it. */
export function pathAt(document: Document, offset: number): PropertyKey[] {
  let found: PropertyKey[] = [];
  for (const { node, path } of nodesOf(document)) {
    if (node.range && node.range[0] <= offset && offset < node.range[2]) found = path;
  }
  return found;
}

/** The path of the first node that starts at or after an offset (the node a tag in front of it belongs to). */
export function pathOfNodeFrom(document: Document, offset: number): PropertyKey[] {
  for (const { node, path } of nodesOf(document)) if (node.range && node.range[0] >= offset) return path;
  return [];
}
