import { writeFileSync } from "node:fs";
import { ScalekitClient } from "../../provider/api/client";
import { checkTenantsHealth, healthLines, healthPage, healthSummary, needsAction } from "../../provider/health";
import { resolveClientSettings, type ConfigLookup } from "../../provider/core/settings";
import { HEALTH_USAGE, parseHealthArguments } from "./arguments";

export interface HealthCommandIo {
  /** Where credentials come from before the SCALEKIT_* environment variables (stack config, say). */
  lookup: ConfigLookup;
  env: NodeJS.ProcessEnv;
  stdout(line: string): void;
  stderr(line: string): void;
  now?: Date;
}

/** Exit codes: 0 every tenant is healthy, 1 something needs action, 2 the check could not run. */
export async function runHealthCommand(argv: readonly string[], io: HealthCommandIo): Promise<number> {
  let args;
  let client: ScalekitClient | undefined;
  try {
    args = parseHealthArguments(argv);
  } catch (error) {
    io.stderr(`${(error as Error).message}\n${HEALTH_USAGE}`);
    return 2;
  }
  try {
    const settings = resolveClientSettings(io.lookup, io.env);
    client = new ScalekitClient(settings);
    const now = io.now ?? new Date();
    const tenants = await checkTenantsHealth(args.tenants, client, { certificateDays: args.certificateDays, now });
    if (args.json) io.stdout(JSON.stringify(tenants, null, 2));
    else healthLines(tenants).forEach((line) => io.stdout(line));
    if (args.html) {
      writeFileSync(args.html, healthPage(tenants, { environmentUrl: settings.environmentUrl, certificateDays: args.certificateDays, generatedAt: now }));
      io.stderr(`wrote ${args.html}`);
    }
    io.stderr(healthSummary(tenants));
    return tenants.some(needsAction) ? 1 : 0;
  } catch (error) {
    io.stderr(`health check failed: ${(error as Error).message}`);
    return 2;
  } finally {
    await client?.close();
  }
}
