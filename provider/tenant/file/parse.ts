import { LineCounter, parseDocument, type Document } from "yaml";
import { crossTenantProblems } from "./cross-checks";
import type { TenantsFileProblem } from "./problems";
import { TenantEntry, TenantsFileShape } from "./schema";
import { fieldIssues } from "./zod-issues";

export interface ParsedTenantsFile {
  /** The valid entries, in file order, with their position (0-based). */
  tenants: Array<{ position: number; entry: TenantEntry }>;
  /** The raw items of `tenants:` as written (empty when the file has no such list), for rules across files. */
  items: unknown[];
  /** Every problem found; a file with problems must not be applied, even in part. */
  problems: TenantsFileProblem[];
  /** The line of a path in the file (e.g. ["tenants", 0, "sso"]), or of its nearest existing parent. */
  lineOf(path: PropertyKey[]): number | undefined;
}

/** Validates the text of a tenants file without any I/O: YAML syntax, each entry, then rules across entries. */
export function parseTenantsFile(text: string): ParsedTenantsFile {
  const lines = new LineCounter();
  const document = parseDocument(text, { lineCounter: lines, uniqueKeys: true, prettyErrors: false });
  if (document.errors.length) {
    return {
      tenants: [],
      items: [],
      lineOf: () => undefined,
      problems: document.errors.map((error) => ({ field: "", rule: `YAML: ${error.message.split("\n")[0]}`, line: error.linePos?.[0].line })),
    };
  }
  const lineOf = (path: PropertyKey[]) => lineOfPath(document, lines, path);
  const raw = document.toJS() ?? {};
  if (typeof raw !== "object" || Array.isArray(raw)) {
    return { tenants: [], items: [], lineOf, problems: [{ field: "", rule: "must be a mapping with a top-level `tenants:` list", line: 1 }] };
  }
  const shape = TenantsFileShape.safeParse(raw);
  if (!shape.success) {
    return { tenants: [], items: [], lineOf, problems: fieldIssues(shape.error.issues).map(({ path, rule }) => ({ field: path.map(String).join("."), rule, line: lineOf(path) })) };
  }

  const problems: TenantsFileProblem[] = [];
  const tenants: ParsedTenantsFile["tenants"] = [];
  const labels: string[] = [];
  shape.data.tenants.forEach((item, position) => {
    const key = (item as { key?: unknown } | null)?.key;
    labels[position] = typeof key === "string" && key.trim() ? key : `#${position + 1}`;
    const entry = TenantEntry.safeParse(item);
    if (entry.success) return void tenants.push({ position, entry: entry.data });
    for (const { path, rule } of fieldIssues(entry.error.issues)) {
      problems.push({ tenant: labels[position], index: position + 1, field: path.map(String).join("."), rule, line: lineOf(["tenants", position, ...path]) });
    }
  });
  for (const { position, field, rule } of crossTenantProblems(shape.data.tenants)) {
    problems.push({ tenant: labels[position], index: position + 1, field: field.map(String).join("."), rule, line: lineOf(["tenants", position, ...field]) });
  }
  return { tenants, items: shape.data.tenants, lineOf, problems: byLine(problems) };
}

export function byLine(problems: TenantsFileProblem[]): TenantsFileProblem[] {
  return [...problems].sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
}

/** The line of the deepest node along the path that exists (a missing field points at its entry). */
export function lineOfPath(document: Document, lines: LineCounter, path: PropertyKey[]): number | undefined {
  for (let length = path.length; length >= 0; length--) {
    const node = document.getIn(path.slice(0, length), true) as { range?: [number, number, number] } | undefined;
    if (node?.range) return lines.linePos(node.range[0]).line;
  }
  return undefined;
}
