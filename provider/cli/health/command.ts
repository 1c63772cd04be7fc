import { existsSync, writeFileSync } from "node:fs";
import * as path from "node:path";
import { ScalekitClient } from "../../api/client";
import { checkTenantsHealth, healthLines, healthPage, healthSummary, needsAction, type TenantHealth } from "../../health";
import { SHARDS_FILE } from "../../tenant/shards/declaration";
import { loadShards } from "../../tenant/shards/load";
import type { CommandIo } from "../command-io";
import { findProjectDir } from "../credentials/project-dir";
import { openScalekitSession } from "../credentials/open-session";
import { parseHealthArguments, type HealthArguments } from "./arguments";

/** Where the tenants to check are: one file, or every shard of a declaration. */
type TenantsSource = { tenantsFile: string } | { declaration: string };

/**
 * `pulumi-scalekit health`: exit codes 0 every tenant is healthy, 1 something needs action, 2 the check
 * could not run (a usage error is thrown, for the dispatcher to print with the usage).
 */
export async function runHealthCommand(argv: readonly string[], io: CommandIo, now: Date = new Date()): Promise<number> {
  const args = parseHealthArguments(argv);
  const projectDir = findProjectDir(io.cwd);
  let session;
  let client: ScalekitClient | undefined;
  try {
    const source = tenantsSource(args, io.cwd, projectDir);
    session = await openScalekitSession({ projectDir, stack: args.stack }, io);
    client = new ScalekitClient(session.settings);
    const options = { certificateDays: args.certificateDays, now };
    const tenants = "tenantsFile" in source ? await checkTenantsHealth(source.tenantsFile, client, options) : await checkShardsHealth(source.declaration, client, options, io);
    if (args.json) io.out(JSON.stringify(tenants, null, 2));
    else healthLines(tenants).forEach((line) => io.out(line));
    if (args.html) {
      writeFileSync(path.resolve(io.cwd, args.html), healthPage(tenants, { environmentUrl: session.settings.environmentUrl, certificateDays: args.certificateDays, generatedAt: now }));
      io.err(`wrote ${args.html}`);
    }
    io.err(healthSummary(tenants));
    return tenants.some(needsAction) ? 1 : 0;
  } catch (error) {
    io.err(`health check failed: ${(error as Error).message}`);
    return 2;
  } finally {
    await client?.close();
    await session?.close();
  }
}

/** --tenants or --shards; without either, the project's shards.yaml when it has one, else its tenants.yaml. */
function tenantsSource(args: HealthArguments, cwd: string, projectDir: string): TenantsSource {
  if (args.tenants) return { tenantsFile: path.resolve(cwd, args.tenants) };
  if (args.shards) return { declaration: path.resolve(cwd, args.shards) };
  const declaration = path.join(projectDir, SHARDS_FILE);
  return existsSync(declaration) ? { declaration } : { tenantsFile: path.join(projectDir, "tenants.yaml") };
}

/** Every shard's tenants, the layout validated as a whole first; each row names its shard. */
async function checkShardsHealth(declaration: string, client: ScalekitClient, options: { certificateDays: number; now: Date }, io: CommandIo): Promise<TenantHealth[]> {
  const set = loadShards(declaration);
  const tenants: TenantHealth[] = [];
  for (const shard of set.shards) {
    const rows = await checkTenantsHealth(path.join(set.projectDir, shard.tenantsFile), client, options);
    io.err(`shard ${shard.name} (${shard.tenantsFile}): ${healthSummary(rows)}`);
    tenants.push(...rows.map((row) => ({ ...row, shard: shard.name })));
  }
  return tenants;
}
