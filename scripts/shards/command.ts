import { appendFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import * as path from "node:path";
import { loadShards, requestCapPerShard, SHARDS_FILE, ShardsError } from "../../provider";
import { githubMatrix } from "./github-matrix";
import { shardOutputs } from "./outputs";

export const SHARDS_USAGE = `usage: npm run shards -- [path/to/${SHARDS_FILE}] [--check] [--github-output]

Validates the shard declaration and every shard's tenants file together, then writes the runner
configuration it declares (CI job matrix, Pulumi Kubernetes Operator Stacks). With --check, writes
nothing and fails when a written file is out of date (for CI). With --github-output, also sets the
step outputs \`matrix\` and \`max-parallel\` of a GitHub Actions job (in the file $GITHUB_OUTPUT names).`;

const FLAGS = ["--check", "--github-output"];

export interface ShardsArguments {
  declaration: string;
  check: boolean;
  githubOutput: boolean;
}

export function parseShardsArguments(argv: readonly string[]): ShardsArguments {
  const positional = argv.filter((argument) => !argument.startsWith("-"));
  const unknown = argv.filter((argument) => argument.startsWith("-") && !FLAGS.includes(argument));
  if (unknown.length || positional.length > 1) throw new Error(`unexpected ${[...unknown, ...positional.slice(1)].join(" ")}\n${SHARDS_USAGE}`);
  return { declaration: positional[0] ?? SHARDS_FILE, check: argv.includes("--check"), githubOutput: argv.includes("--github-output") };
}

export interface ShardsCommandIo {
  cwd: string;
  env: NodeJS.ProcessEnv;
  out(line: string): void;
  err(line: string): void;
}

/** `npm run shards`: returns the exit code; writes what it did to `out`, problems to `err`. */
export function runShardsCommand(argv: readonly string[], { cwd, env, out, err }: ShardsCommandIo): number {
  const { declaration, check, githubOutput } = parseShardsArguments(argv);
  if (githubOutput && !env.GITHUB_OUTPUT) throw new Error("--github-output needs GITHUB_OUTPUT, the step-output file GitHub Actions sets");
  let set;
  try {
    set = loadShards(path.resolve(cwd, declaration));
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
