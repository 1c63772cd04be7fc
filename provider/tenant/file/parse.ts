import { LineCounter, parseDocument, type Document } from "yaml";
import { crossTenantProblems } from "./cross-checks";
import type { TenantsFileProblem } from "./problems";
import { documentData, parserProblems } from "./parser-problems";
import { TenantEntry, TenantsFileShape } from "./schema";
import { fieldIssues, type FieldIssue } from "./zod-issues";

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

/**
 * Validates the text of a tenants file without any I/O: the YAML itself (syntax, duplicate keys,
 * unknown tags, refused keys, alias limits), each entry, then rules across entries.
 */
export function parseTenantsFile(text: string): ParsedTenantsFile {
  const lines = new LineCounter();
  const document = parseDocument(text, { lineCounter: lines, uniqueKeys: true, prettyErrors: false });
  const lineOf = (path: PropertyKey[]) => lineOfPath(document, lines, path);
  const parser = parserProblems(document, lines);
  const { tenants, items, issues } = parser.fatal ? { tenants: [], items: [], issues: [] } : contentIssues(document, lines);
  // What the parser check reported (a refused key, an unknown tag) is not reported again by the schema it also breaks.
  const reported = parser.problems.map(({ path }) => dotted(path)).filter((field) => field !== "");
  const fresh = issues.filter(({ path }) => !reported.some((field) => `${dotted(path)}.`.startsWith(`${field}.`)));
  const problems = [...parser.problems, ...fresh].map(({ path, rule, line }) => locatedProblem(document, path, rule, line ?? lineOf(path)));
  return { tenants, items, lineOf, problems: byLine(problems) };
}

type Issue = FieldIssue & { line?: number };

/** The entries that pass their schema, and every issue of the content: its shape, each entry, then rules across entries. */
function contentIssues(document: Document, lines: LineCounter): Pick<ParsedTenantsFile, "tenants" | "items"> & { issues: Issue[] } {
  const content = documentData(document, lines);
  if ("problem" in content) return { tenants: [], items: [], issues: [content.problem] };
  const raw = content.data ?? {};
  if (typeof raw !== "object" || Array.isArray(raw)) return { tenants: [], items: [], issues: [{ path: [], rule: "must be a mapping with a top-level `tenants:` list", line: 1 }] };
  const shape = TenantsFileShape.safeParse(raw);
  if (!shape.success) return { tenants: [], items: [], issues: fieldIssues(shape.error.issues) };

  const tenants: ParsedTenantsFile["tenants"] = [];
  const issues: Issue[] = [];
  shape.data.tenants.forEach((item, position) => {
    const entry = TenantEntry.safeParse(item);
    if (entry.success) tenants.push({ position, entry: entry.data });
    else issues.push(...fieldIssues(entry.error.issues, ["tenants", position]));
  });
  for (const { position, field, rule } of crossTenantProblems(shape.data.tenants)) issues.push({ path: ["tenants", position, ...field], rule });
  return { tenants, items: shape.data.tenants, issues };
}

const dotted = (path: PropertyKey[]) => path.map(String).join(".");

/** A problem at a path of the file: inside a tenant entry it names the tenant (its key, or #n) and the field within it. */
function locatedProblem(document: Document, path: PropertyKey[], rule: string, line: number | undefined): TenantsFileProblem {
  if (path[0] !== "tenants" || typeof path[1] !== "number") return { field: dotted(path), rule, line };
  const position = path[1];
  const key = document.getIn(["tenants", position, "key"]);
  const tenant = typeof key === "string" && key.trim() ? key : `#${position + 1}`;
  return { tenant, index: position + 1, field: dotted(path.slice(2)), rule, line };
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
