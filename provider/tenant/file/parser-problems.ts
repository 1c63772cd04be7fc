import { isAlias, isScalar, type Document, type LineCounter, type YAMLError } from "yaml";
import { nodesOf, pathAt, pathOfNodeFrom } from "./yaml-nodes";

/** Keys that name a JavaScript object's internals: as data they would be dropped or change the object itself. */
const REFUSED_KEYS: ReadonlySet<string> = new Set(["__proto__", "constructor", "prototype"]);

/** Alias uses the parser allows while building the data (yaml's default), against alias bombs. */
const MAX_ALIAS_COUNT = 100;

/** Something wrong with the file as YAML, before its content is looked at. */
export interface ParserProblem {
  /** Keys and list positions from the top of the file; [] for the file as a whole. */
  path: PropertyKey[];
  rule: string;
  line?: number;
}

/**
 * What the YAML parser reports (syntax errors, duplicate keys, tags it cannot resolve, which it
 * would otherwise read as plain text) and the keys refused wherever they appear. `fatal` when the
 * structure itself cannot be trusted, so the content must not be checked any further.
 */
export function parserProblems(document: Document, lines: LineCounter): { problems: ParserProblem[]; fatal: boolean } {
  const problems = [...document.errors, ...document.warnings].map((error) => reported(document, lines, error));
  for (const { node, path, isKey } of nodesOf(document)) {
    const key = path[path.length - 1];
    if (isKey && isScalar(node) && REFUSED_KEYS.has(String(key))) {
      problems.push({ path, rule: `"${String(key)}" is refused as a key: it names a JavaScript object's internals, so its value would be lost or misread`, line: lineOf(lines, node.range?.[0]) });
    }
  }
  const fatal = document.errors.some((error) => error.code !== "DUPLICATE_KEY");
  return { problems, fatal };
}

/** The data of a document whose aliases stay within MAX_ALIAS_COUNT; otherwise the problem, at the first alias. */
export function documentData(document: Document, lines: LineCounter): { data: unknown } | { problem: ParserProblem } {
  try {
    return { data: document.toJS({ maxAliasCount: MAX_ALIAS_COUNT }) };
  } catch (error) {
    // yaml throws a ReferenceError ("Excessive alias count …") once aliases expand too far.
    if (!(error instanceof ReferenceError)) throw error;
    const first = [...nodesOf(document)].find(({ node }) => isAlias(node));
    return {
      problem: {
        path: first?.path ?? [],
        rule: `aliases (*name) expand to more than ${MAX_ALIAS_COUNT} copies, which is how a YAML alias bomb exhausts memory; write the repeated values out`,
        line: lineOf(lines, first?.node.range?.[0]),
      },
    };
  }
}

function reported(document: Document, lines: LineCounter, error: YAMLError): ParserProblem {
  const [start, end] = error.pos;
  const line = lineOf(lines, start);
  switch (error.code) {
    case "DUPLICATE_KEY":
      return { path: pathAt(document, start), rule: "appears twice in the same mapping; YAML keys must be unique", line };
    case "TAG_RESOLVE_FAILED": {
      const tag = error.message.replace(/^Unresolved tag:\s*/, "").replace(/^tag:yaml\.org,2002:/, "!!");
      return { path: pathOfNodeFrom(document, end), rule: `has the tag ${tag}, which is not a YAML type; tenants.yaml takes plain values only`, line };
    }
    default:
      return { path: [], rule: `YAML: ${error.message.split("\n")[0]}`, line };
  }
}

const lineOf = (lines: LineCounter, offset: number | undefined) => (offset === undefined ? undefined : lines.linePos(offset).line);
