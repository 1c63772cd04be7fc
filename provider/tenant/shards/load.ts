import { readdirSync, readFileSync } from "node:fs";
import * as path from "node:path";
import { LineCounter, parseDocument } from "yaml";
import { crossTenantProblems } from "../file/cross-checks";
import { documentData, parserProblems, type ParserProblem } from "../file/parser-problems";
import { lineOfPath, parseTenantsFile, type ParsedTenantsFile } from "../file/parse";
import type { SecretReference } from "../file/secret-reference";
import { fieldIssues } from "../file/zod-issues";
import { SHARD_NAME, SHARD_NAME_RULE, STACK_NAME, ShardsDeclaration } from "./declaration";
import { ShardsError, type ShardsProblem } from "./problems";
import { requestCapPerShard } from "./request-cap";

export interface Shard {
  /** The tenants file's name without .yaml, e.g. "a-h". */
  name: string;
  /** The stack as declared, e.g. "acme-saas/scalekit-onboarding/prod-a-h". */
  stack: string;
  /** The stack's own name (what `pulumi.getStack()` returns), e.g. "prod-a-h". */
  stackName: string;
  /** The shard's tenants file, relative to the project (the value of `scalekit-onboarding:tenantsFile`). */
  tenantsFile: string;
  tenantKeys: string[];
  /** The `{ env }` and `{ config }` secret references of the shard's tenants, in file order. */
  secretReferences: SecretReference[];
}

export interface ShardSet {
  /** The declaration as named in messages, e.g. "shards.yaml". */
  declarationFile: string;
  /** The folder of the declaration: the project root, against which every path of the declaration is read. */
  projectDir: string;
  declaration: ShardsDeclaration;
  shards: Shard[];
  /** Shards a CI matrix runs at the same time (its max-parallel): shardsAtOnce, or fewer when there are fewer shards. */
  shardsAtOnce: number;
}

/** The shard a file of the tenants folder declares (its name without .yaml), or undefined for other files. */
const shardNameOf = (file: string) => /^(.*)\.ya?ml$/.exec(file)?.[1];

/**
 * Reads and validates a sharded layout as a whole: the declaration, every shard's tenants file, and
 * the rules across shards (keys, domains, external ids and slugs unique in the environment). Throws a
 * ShardsError listing every problem at once. Secret references are not resolved: each stack does that.
 */
export function loadShards(declarationPath: string, declarationFile = path.basename(declarationPath)): ShardSet {
  const projectDir = path.dirname(path.resolve(declarationPath));
  const problems: ShardsProblem[] = [];
  const declared = readDeclaration(declarationPath, declarationFile, problems);
  if (declared.unreadable) throw new ShardsError(declarationFile, problems);
  const folder = ShardsDeclaration.shape.tenants.safeParse(declared.raw?.tenants);
  const tenantsDir = folder.success ? folder.data : "tenants";

  const files = listShardFiles(projectDir, tenantsDir, declarationFile, declared.lineOf, problems);
  const parsed = files.map((file) => ({ ...file, file: parseShardFile(projectDir, file.tenantsFile, problems) }));
  problems.push(...acrossShards(parsed));

  const declaration = declared.declaration;
  const shardsAtOnce = Math.min(declaration?.shardsAtOnce ?? 1, Math.max(parsed.length, 1));
  const shards: Shard[] = parsed.map(({ name, tenantsFile, file }) => {
    const stack = declaration ? declaration.stack.replaceAll("{shard}", name) : name;
    const entries = file.tenants.map(({ entry }) => entry);
    return {
      name,
      stack,
      stackName: stack.split("/").pop()!,
      tenantsFile,
      tenantKeys: entries.map((entry) => entry.key),
      secretReferences: entries.flatMap((entry) => (entry.sso?.oidc ? [entry.sso.oidc.clientSecret] : [])),
    };
  });

  if (declaration) {
    const at = (field: string) => ({ file: declarationFile, field, line: declared.lineOf([field]) });
    // The operator may run every shard at once (see operator-stacks), so that is the count to check then.
    const atOnce = declaration.kubernetes ? parsed.length : shardsAtOnce;
    if (requestCapPerShard(declaration.requestsPerMinute, atOnce) < 1) {
      problems.push({ ...at("requestsPerMinute"), rule: `${declaration.requestsPerMinute} requests per minute shared by ${atOnce} shards at once leaves less than 1 per shard` });
    }
    for (const shard of shards) {
      if (!STACK_NAME.test(shard.stack)) problems.push({ ...at("stack"), rule: `gives shard ${shard.name} the stack ${shard.stack}, which is not a valid stack name` });
      else if (declaration.kubernetes && !KUBERNETES_STACK_NAME.test(shard.stackName)) {
        problems.push({ ...at("stack"), rule: `gives shard ${shard.name} the stack name ${shard.stackName}, which cannot name its Kubernetes Stack object: ${KUBERNETES_STACK_NAME_RULE}` });
      }
    }
  }
  if (problems.length) throw new ShardsError(declarationFile, inFileOrder(problems, declarationFile));
  return { declarationFile, projectDir, declaration: declaration!, shards, shardsAtOnce };
}

/**
 * Stack objects are named after the stack: a DNS subdomain, and at most 42 characters (the rule of the
 * operator's CRD, pulumi/pulumi-kubernetes-operator v2.9.0 operator/config/crd/bases/pulumi.com_stacks.yaml).
 */
const KUBERNETES_STACK_NAME = /^(?=.{1,42}$)[a-z0-9](?:[-a-z0-9]*[a-z0-9])?(?:\.[a-z0-9](?:[-a-z0-9]*[a-z0-9])?)*$/;
const KUBERNETES_STACK_NAME_RULE = "at most 42 lower-case letters, digits, hyphens and dots";

interface ReadDeclaration {
  unreadable?: boolean;
  raw?: Record<string, unknown>;
  declaration?: ShardsDeclaration;
  lineOf(path: PropertyKey[]): number | undefined;
}

function readDeclaration(declarationPath: string, file: string, problems: ShardsProblem[]): ReadDeclaration {
  const text = readText(declarationPath, file, problems);
  if (text === undefined) return { unreadable: true, lineOf: () => undefined };
  const lines = new LineCounter();
  const document = parseDocument(text, { lineCounter: lines, uniqueKeys: true, prettyErrors: false });
  const lineOf = (at: PropertyKey[]) => lineOfPath(document, lines, at);
  // The same YAML checks as a tenants file: syntax, duplicate keys, unknown tags, refused keys, alias bombs.
  const asProblem = ({ path: at, rule, line }: ParserProblem): ShardsProblem => ({ file, field: at.map(String).join("."), rule, line });
  const parser = parserProblems(document, lines);
  if (parser.problems.length) {
    problems.push(...parser.problems.map(asProblem));
    return { lineOf: parser.fatal ? () => undefined : lineOf };
  }
  const data = documentData(document, lines);
  if ("problem" in data) {
    problems.push(asProblem(data.problem));
    return { lineOf };
  }
  const raw = data.data as Record<string, unknown> | undefined;
  if (!raw || typeof raw !== "object" || Array.isArray(raw)) {
    problems.push({ file, field: "", rule: "must be a mapping (tenants, stack, requestsPerMinute, shardsAtOnce, github, kubernetes)", line: 1 });
    return { lineOf };
  }
  const parsed = ShardsDeclaration.safeParse(raw);
  if (!parsed.success) {
    problems.push(...fieldIssues(parsed.error.issues).map(({ path: at, rule }) => ({ file, field: at.map(String).join("."), rule, line: lineOf(at) })));
  }
  return { raw, declaration: parsed.success ? parsed.data : undefined, lineOf };
}

function listShardFiles(projectDir: string, tenantsDir: string, declarationFile: string, lineOf: ReadDeclaration["lineOf"], problems: ShardsProblem[]) {
  const at = { file: declarationFile, field: "tenants", line: lineOf(["tenants"]) };
  let names: string[];
  try {
    names = readdirSync(path.join(projectDir, tenantsDir), { withFileTypes: true })
      .filter((entry) => entry.isFile() && shardNameOf(entry.name) !== undefined)
      .map((entry) => entry.name)
      .sort();
  } catch (error) {
    problems.push({ ...at, rule: `the folder ${tenantsDir} cannot be read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})` });
    return [];
  }
  if (!names.length) problems.push({ ...at, rule: `the folder ${tenantsDir} has no tenants files; each shard is a file ${tenantsDir}/<shard>.yaml` });
  const seen = new Map<string, string>();
  return names.flatMap((fileName) => {
    const name = shardNameOf(fileName)!;
    const tenantsFile = path.posix.join(tenantsDir, fileName);
    if (!SHARD_NAME.test(name)) {
      problems.push({ file: tenantsFile, field: "", rule: `the file name must be a shard name (${SHARD_NAME_RULE}) followed by .yaml` });
      return [];
    }
    const twin = seen.get(name);
    if (twin) {
      problems.push({ file: tenantsFile, field: "", rule: `${twin} already declares shard ${name}; keep one file per shard` });
      return [];
    }
    seen.set(name, tenantsFile);
    return [{ name, tenantsFile }];
  });
}

function parseShardFile(projectDir: string, tenantsFile: string, problems: ShardsProblem[]): ParsedTenantsFile {
  const text = readText(path.join(projectDir, tenantsFile), tenantsFile, problems);
  const file = parseTenantsFile(text ?? "tenants: []");
  problems.push(...file.problems.map((problem) => ({ ...problem, file: tenantsFile })));
  return file;
}

/** A file's text; one that cannot be read is a problem of that file. */
function readText(filePath: string, file: string, problems: ShardsProblem[]): string | undefined {
  try {
    return readFileSync(filePath, "utf8");
  } catch (error) {
    problems.push({ file, field: "", rule: `cannot be read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})` });
    return undefined;
  }
}

/**
 * Keys, domains, external ids and slugs unique across all shards: the rules of one file applied to
 * all entries together. A clash inside one file was already reported by that file's own check.
 */
function acrossShards(parsed: Array<{ tenantsFile: string; file: ParsedTenantsFile }>): ShardsProblem[] {
  const origins = parsed.flatMap(({ tenantsFile, file }) => file.items.map((item, position) => ({ tenantsFile, file, position, item })));
  const keyOf = (item: unknown) => {
    const key = (item as { key?: unknown } | null)?.key;
    return typeof key === "string" && key.trim() ? key : undefined;
  };
  const where = (index: number) => {
    const { tenantsFile, file, position } = origins[index];
    const line = file.lineOf(["tenants", position]);
    return line ? `${tenantsFile}:${line}` : tenantsFile;
  };
  return crossTenantProblems(
    origins.map(({ item }) => item),
    (key, index) => `${key ?? "#" + (origins[index].position + 1)} (${where(index)})`,
  )
    .filter(({ position, owner }) => origins[position].tenantsFile !== origins[owner].tenantsFile)
    .map(({ position, field, rule }) => {
      // Most often a move between shards done in one step, which would delete the customer's objects in the old shard.
      if (field.length === 1 && field[0] === "key") rule = `${rule}; ${MOVE_IN_TWO_STEPS}`;
      const { tenantsFile, file, position: local, item } = origins[position];
      return {
        file: tenantsFile,
        tenant: keyOf(item) ?? `#${local + 1}`,
        index: local + 1,
        field: field.map(String).join("."),
        rule,
        line: file.lineOf(["tenants", local, ...field]),
      };
    });
}

const MOVE_IN_TWO_STEPS = "a tenant moves between shards in two steps, and is in one file at a time (docs/onboarding.md#moving-a-tenant-to-another-shard)";

/** The declaration's problems first, then each file's, by line. */
function inFileOrder(problems: ShardsProblem[], declarationFile: string): ShardsProblem[] {
  const rank = (problem: ShardsProblem) => (problem.file === declarationFile ? "" : problem.file);
  return [...problems].sort((a, b) => rank(a).localeCompare(rank(b)) || (a.line ?? 0) - (b.line ?? 0));
}
