import { appendFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import * as path from "node:path";
import { SHARDS_FILE } from "../../tenant/shards/declaration";
import { loadShards } from "../../tenant/shards/load";
import { ShardsError } from "../../tenant/shards/problems";
import { requestCapPerShard } from "../../tenant/shards/request-cap";
import { UsageError, type CommandIo } from "../command-io";
import { readCommandLine } from "../command-line";
import { findProjectDir } from "../credentials/project-dir";
import { githubMatrix } from "./github-matrix";
import { shardOutputs } from "./outputs";

export const SHARDS_USAGE = `usage: pulumi-scalekit shards [path/to/${SHARDS_FILE}] [--check] [--github-output]

Validates the shard declaration and every shard's tenants file together, then writes the runner
configuration it declares (CI job matrix, Pulumi Kubernetes Operator Stacks). With --check, writes
nothing and fails when a written file is out of date (for CI). With --github-output, also sets the
step outputs \`matrix\` and \`max-parallel\` of a GitHub Actions job (in the file $GITHUB_OUTPUT names).
Without a path, the shards.yaml of the project (the nearest folder holding Pulumi.yaml or shards.yaml).`;

export interface ShardsArguments {
  /** The declaration as given, or undefined for the project's shards.yaml. */
  declaration?: string;
  check: boolean;
  githubOutput: boolean;
}

export function parseShardsArguments(argv: readonly string[]): ShardsArguments {
  const { switches, positional } = readCommandLine(argv, { values: [], switches: ["--check", "--github-output"] });
  if (positional.length > 1) throw new UsageError(`unexpected ${positional.slice(1).join(" ")}`);
  return { declaration: positional[0], check: switches.has("--check"), githubOutput: switches.has("--github-output") };
}

/** `pulumi-scalekit shards`: returns the exit code; writes what it did to `out`, problems to `err`. */
export function runShardsCommand(argv: readonly string[], { cwd, env, out, err }: CommandIo): number {
  const args = parseShardsArguments(argv);
  const { check, githubOutput } = args;
  if (githubOutput && !env.GITHUB_OUTPUT) throw new UsageError("--github-output needs GITHUB_OUTPUT, the step-output file GitHub Actions sets");
  const declaration = args.declaration ?? SHARDS_FILE;
  const declarationPath = args.declaration === undefined ? path.join(findProjectDir(cwd), SHARDS_FILE) : path.resolve(cwd, args.declaration);
  let set;
  try {
    set = loadShards(declarationPath);
  } catch (error) {
    if (!(error instanceof ShardsError)) throw error;
    err(error.message);
    return 1;
  }
  const tenants = set.shards.reduce((sum, shard) => sum + shard.tenantKeys.length, 0);
  out(`${declaration}: ${set.shards.length} shards, ${tenants} tenants, valid together.`);
  for (const shard of set.shards) out(`  ${shard.stack}  ${shard.tenantsFile}  (${shard.tenantKeys.length} tenants)`);
  const { requestsPerMinute } = set.declaration;
  if (set.declaration.github) {
    out(`CI matrix: ${set.shardsAtOnce} shards at once, ${requestCapPerShard(requestsPerMinute, set.shardsAtOnce)} of ${requestsPerMinute} requests/min each.`);
  }
  if (set.declaration.kubernetes) {
    out(`Operator: every shard may run at once, ${requestCapPerShard(requestsPerMinute, set.shards.length)} of ${requestsPerMinute} requests/min each.`);
  }

  const stale: string[] = [];
  for (const output of shardOutputs(set)) {
    const file = path.join(set.projectDir, output.file);
    const current = existsSync(file) ? readFileSync(file, "utf8") : undefined;
    if (current === output.text) {
      out(`  up to date: ${output.file}`);
    } else if (check) {
      stale.push(output.file);
    } else {
      mkdirSync(path.dirname(file), { recursive: true });
      writeFileSync(file, output.text);
      out(`  wrote ${output.file}`);
    }
  }
  if (stale.length) {
    err(`out of date with ${declaration}: ${stale.join(", ")}; run \`npm run shards -- ${declaration}\` and commit the result`);
    return 1;
  }
  if (githubOutput) {
    if (!set.declaration.github) throw new Error(`--github-output: ${declaration} declares no github matrix`);
    const { matrix, maxParallel } = githubMatrix(set);
    appendFileSync(env.GITHUB_OUTPUT!, `matrix=${JSON.stringify(matrix)}\nmax-parallel=${maxParallel}\n`);
    out("  set the step outputs matrix and max-parallel");
  }
  return 0;
}
