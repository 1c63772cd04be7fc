import * as path from "node:path";

/** The Pulumi CLI could not be had: the `pulumi` package downloads it on first use, which needs internet. */
export class CliUnavailableError extends Error {}

export const FIRST_RUN_HINT =
  "The `pulumi` npm package downloads the Pulumi CLI on first use (from get.pulumi.com, into ~/.pulumi/versions): " +
  "that needs internet access once. Everything before this step ran locally.";

/** The `pulumi` package's resolver (lib/resolve.js); `install` is injectable there, for tests. */
type Resolve = (options?: { install?: (version: string, root: string) => Promise<void> }) => Promise<string>;

/**
 * The path of the Pulumi CLI binary, as the `pulumi` npm package finds it (downloading it on first use).
 * Its launcher, run.js, has no SIGINT handler: Ctrl-C would end the launcher at once while the CLI is
 * still cancelling. So the binary is spawned directly, and the launcher's resolver is used to find it.
 */
export async function resolvePulumiCli(pulumiPackage: string, options: { install?: (version: string, root: string) => Promise<void> } = {}): Promise<string> {
  const { resolve } = require(path.join(pulumiPackage, "lib", "resolve.js")) as { resolve: Resolve };
  try {
    return await resolve(options.install ? { install: options.install } : undefined);
  } catch (error) {
    throw new CliUnavailableError(`the Pulumi CLI could not be installed: ${(error as Error).message}\n${FIRST_RUN_HINT}`);
  }
}

/** The CLI's environment: its folder first on PATH, so the language and provider plugins installed with it are found (as run.js does). */
export function cliEnvironment(binary: string, env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  return { ...env, PATH: path.dirname(binary) + path.delimiter + (env.PATH ?? "") };
}
