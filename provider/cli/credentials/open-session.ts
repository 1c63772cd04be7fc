import { CREDENTIAL_SETTINGS as CREDENTIALS, resolveClientSettings, type ConfigLookup } from "../../core/settings";
import type { CommandIo, ScalekitSession } from "../command-io";
import { findPulumiOnPath, readConfigWithPulumiCli } from "./pulumi-cli";
import { readStackConfigFile } from "./stack-config-file";

/**
 * The Scalekit environment a command uses, in this order:
 * 1. `--stack <name>`: the stack's config (Pulumi.<stack>.yaml), each key falling back to its SCALEKIT_*
 *    variable as the provider does. Encrypted (`secure:`) values are decrypted by the Pulumi CLI when
 *    there is one; without it, they must come from SCALEKIT_* variables, and the error says so.
 * 2. SCALEKIT_ENVIRONMENT_URL, SCALEKIT_CLIENT_ID, SCALEKIT_CLIENT_SECRET.
 * 3. The local environment the caller offers (this repository: the emulator `npm run up` uses).
 */
export async function openScalekitSession(options: { projectDir: string; stack?: string }, io: CommandIo): Promise<ScalekitSession> {
  const { env } = io;
  if (options.stack !== undefined) {
    const { lookup, source } = await stackLookup(options.projectDir, options.stack, io);
    try {
      return plainSession(resolveClientSettings(lookup, env), source);
    } catch (error) {
      throw new Error(`${(error as Error).message} (Read: ${source}.)`);
    }
  }
  const given = CREDENTIALS.filter((credential) => env[credential.env]?.trim());
  if (given.length || !io.localEnvironment) {
    try {
      return plainSession(resolveClientSettings(() => undefined, env), "the SCALEKIT_* environment variables");
    } catch (error) {
      throw given.length ? error : new Error(`${(error as Error).message} Or name a stack whose config has them: --stack <stack>.`);
    }
  }
  return io.localEnvironment.start(io);
}

function plainSession(settings: ScalekitSession["settings"], source: string): ScalekitSession {
  return { settings, source, close: async () => {} };
}

/**
 * A stack's config as a lookup. The file's plain values are read directly; the Pulumi CLI is asked only
 * when a credential is encrypted there (config wins over the environment, as in the provider), or is
 * neither in the file nor in the environment (the CLI also knows config from ESC environments).
 */
async function stackLookup(projectDir: string, stack: string, io: CommandIo): Promise<{ lookup: ConfigLookup; source: string }> {
  const file = readStackConfigFile(projectDir, stack);
  const values = file?.values ?? {};
  const plain: ConfigLookup = (key) => {
    const entry = values[key];
    return entry && "value" in entry ? entry.value : undefined;
  };
  const described = file ? file.file : `stack ${stack} (no Pulumi.${stack.split("/").pop()}.yaml in ${projectDir})`;
  const inEnvironment = (credential: (typeof CREDENTIALS)[number]) => Boolean(io.env[credential.env]?.trim());
  const encrypted = CREDENTIALS.filter(({ key }) => values[key] && "secure" in values[key]);
  const unset = CREDENTIALS.filter((credential) => !values[credential.key] && !inEnvironment(credential));

  if (encrypted.length || unset.length) {
    const cli = io.findPulumiCli ? await io.findPulumiCli() : findPulumiOnPath(io.env);
    if (cli) {
      const decrypted = await readConfigWithPulumiCli(cli, { projectDir, stack, env: io.env });
      return { lookup: (key) => decrypted[key], source: `the config of stack ${stack}, read with the Pulumi CLI` };
    }
    const undecryptable = encrypted.filter((credential) => !inEnvironment(credential));
    if (undecryptable.length) {
      const one = undecryptable.length === 1;
      throw new Error(
        `${undecryptable.map(({ key }) => key).join(", ")} ${one ? "is" : "are"} encrypted in ${described} (secure:), and only the Pulumi CLI can decrypt ${one ? "it" : "them"}; ` +
          `no \`pulumi\` was found on PATH. Install the Pulumi CLI, or set ${undecryptable.map(({ env }) => env).join(", ")}.`,
      );
    }
  }
  const fromEnv = CREDENTIALS.filter((credential) => plain(credential.key) === undefined && inEnvironment(credential)).map(({ env }) => env);
  return { lookup: plain, source: fromEnv.length ? `${described}, with ${fromEnv.join(", ")} from the environment` : described };
}
