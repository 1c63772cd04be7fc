import { readFileSync } from "node:fs";
import * as path from "node:path";
import { parse } from "yaml";
import { emulatorCommand } from "../package-root";
import type { RunArguments } from "./arguments";
import { DEFAULTS, type RunFacts } from "./plan";

/** Reads what the plan needs: the stack's config file, the tenants file and where the `pulumi` and emulator packages are. */
export function gatherFacts(args: RunArguments, repoRoot: string, env: NodeJS.ProcessEnv = process.env): RunFacts {
  const stackConfig = readStackConfig(path.join(repoRoot, `Pulumi.${args.stack}.yaml`));
  const tenantsFile = stackConfig["scalekit-onboarding:tenantsFile"];
  return {
    ...args,
    repoRoot,
    env: { ...env },
    stackConfigKeys: Object.keys(stackConfig),
    tenantsFileText: readOptional(path.resolve(repoRoot, typeof tenantsFile === "string" ? tenantsFile : DEFAULTS.tenantsFile)),
    pulumiPackage: packageFolder("pulumi", repoRoot),
    emulatorCommand: installedEmulatorCommand(repoRoot),
  };
}

/** The `config:` map of a Pulumi.<stack>.yaml (secrets appear as { secure: … }). */
function readStackConfig(file: string): Record<string, unknown> {
  const text = readOptional(file);
  return (text && (parse(text) as { config?: Record<string, unknown> } | null)?.config) || {};
}

function readOptional(file: string): string | undefined {
  try {
    return readFileSync(file, "utf8");
  } catch {
    return undefined;
  }
}

function installedEmulatorCommand(from: string): string | undefined {
  try {
    return emulatorCommand(from);
  } catch {
    return undefined;
  }
}

function packageFolder(name: string, from: string): string | undefined {
  try {
    return path.dirname(require.resolve(`${name}/package.json`, { paths: [from] }));
  } catch {
    return undefined;
  }
}
