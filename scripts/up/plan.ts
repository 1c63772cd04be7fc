import * as path from "node:path";
import { parseTenantsFile } from "../../provider/tenant/file/parse";
import type { RunArguments } from "./arguments";

/** What is known before anything runs: the command line, the environment and a few files. */
export interface RunFacts extends RunArguments {
  repoRoot: string;
  env: Readonly<Record<string, string | undefined>>;
  /** Keys set in Pulumi.<stack>.yaml, e.g. "scalekit:clientId". */
  stackConfigKeys: readonly string[];
  /** The tenants file's text, when it could be read. */
  tenantsFileText?: string;
  /** The folder of the `pulumi` npm package (it resolves, and on first use downloads, the CLI), when installed. */
  pulumiPackage?: string;
  /** The emulator's command line (the bin of pulumi-scalekit-emulator), when installed. */
  emulatorCommand?: string;
}

export interface EmulatorSpec {
  /** node <script> <args…> prints one JSON line {url, clientId, clientSecret}. */
  script: string;
  args: string[];
  dataFile: string;
  port: number;
}

/** One run of the Pulumi CLI: its arguments (the binary is resolved when the steps run). */
export interface Step {
  title: string;
  args: string[];
}

export interface RunPlan {
  /** "emulator": no Scalekit credentials were found, so a local emulator stands in for Scalekit. */
  target: "emulator" | "scalekit";
  /** The folder of the `pulumi` npm package. */
  pulumiPackage: string;
  /** Environment of every step, on top of the current one; the emulator's credentials come on top of it. */
  env: Record<string, string>;
  emulator?: EmulatorSpec;
  /** Folders to create before the first step. */
  directories: string[];
  steps: Step[];
  /** What the user should know, printed before the steps run. */
  notes: string[];
}

export const DEFAULTS = {
  emulatorPort: 8917,
  emulatorData: ".scalekit/emulator.db",
  stateDir: ".pulumi-state",
  tenantsFile: "tenants.yaml",
  /** For local demos only: it guards the secrets in Pulumi.<stack>.yaml and the local state. */
  passphrase: "local-demo-passphrase",
  demoSecret: "demo-value-for-the-local-emulator",
};

const CREDENTIALS = [
  { key: "scalekit:environmentUrl", env: "SCALEKIT_ENVIRONMENT_URL" },
  { key: "scalekit:clientId", env: "SCALEKIT_CLIENT_ID" },
  { key: "scalekit:clientSecret", env: "SCALEKIT_CLIENT_SECRET" },
] as const;

export class PlanError extends Error {}

/** Decides how to run the Pulumi CLI on the root stack; no I/O, so it can be tested as is. */
export function planRun(facts: RunFacts): RunPlan {
  if (!facts.pulumiPackage) throw new PlanError("the `pulumi` npm package is not installed; run `npm install` first");
  const backend = localBackend(facts.repoRoot, facts.env);
  const notes = [...backend.notes];
  const env: Record<string, string> = { PULUMI_SKIP_UPDATE_CHECK: "true", ...backend.env };
  const directories = [...backend.directories];

  const given = CREDENTIALS.filter(({ key, env: variable }) => facts.stackConfigKeys.includes(key) || facts.env[variable]);
  let emulator: EmulatorSpec | undefined;
  if (given.length === CREDENTIALS.length) {
    const fromConfig = given.some(({ key }) => facts.stackConfigKeys.includes(key));
    notes.unshift(`Scalekit: the environment configured in ${fromConfig ? `Pulumi.${facts.stack}.yaml` : "SCALEKIT_* variables"}`);
  } else if (given.length) {
    const missing = CREDENTIALS.filter((credential) => !given.includes(credential)).map(({ key, env: variable }) => `${key} (or ${variable})`);
    throw new PlanError(`Scalekit credentials are incomplete: missing ${missing.join(", ")}. Set all three, or none to use the local emulator.`);
  } else if (needsScalekit(facts)) {
    emulator = localEmulatorSpec(facts.repoRoot, facts.env, facts.emulatorCommand);
    directories.push(path.dirname(emulator.dataFile));
    notes.unshift(`Scalekit: no credentials configured, so a local emulator stands in (port ${emulator.port}, data in ${path.relative(facts.repoRoot, emulator.dataFile)})`);
    for (const variable of referencedVariables(facts.tenantsFileText)) {
      if (facts.env[variable]) continue;
      env[variable] = DEFAULTS.demoSecret;
      notes.push(`Demo value for ${variable}, which the tenants file references (emulator only)`);
    }
  }

  const target = given.length ? "scalekit" : "emulator";
  return { target, pulumiPackage: facts.pulumiPackage, env, emulator, directories, steps: steps(facts, target === "emulator"), notes };
}

/**
 * Where the CLI keeps the stacks' state: PULUMI_BACKEND_URL when set, else local files in the
 * repository (and, unless one is set, the local demo passphrase for their secrets). The operational
 * commands (scripts/commands) read a stack's encrypted config through the CLI with the same settings.
 */
export function localBackend(repoRoot: string, given: RunFacts["env"]): { env: Record<string, string>; directories: string[]; notes: string[] } {
  if (given.PULUMI_BACKEND_URL) return { env: {}, directories: [], notes: [`State: ${given.PULUMI_BACKEND_URL} (PULUMI_BACKEND_URL)`] };
  const stateDir = path.join(repoRoot, DEFAULTS.stateDir);
  const env: Record<string, string> = { PULUMI_BACKEND_URL: `file://${stateDir}` };
  const notes = [`State: local files in ${DEFAULTS.stateDir}/ (set PULUMI_BACKEND_URL to use another backend)`];
  if (!given.PULUMI_CONFIG_PASSPHRASE && !given.PULUMI_CONFIG_PASSPHRASE_FILE) {
    env.PULUMI_CONFIG_PASSPHRASE = DEFAULTS.passphrase;
    notes.push("Secrets: encrypted with the local demo passphrase; set PULUMI_CONFIG_PASSPHRASE before storing any real secret");
  }
  return { env, directories: [stateDir], notes };
}

/** Pulumi commands that run the program or call the provider, and so need Scalekit (or the emulator). */
const PROVIDER_COMMANDS = new Set(["up", "update", "preview", "refresh", "destroy", "import", "watch"]);

/**
 * Whether the run talks to Scalekit: `npm run up|preview|refresh|destroy` always; `npm run pulumi -- …`
 * only for a command that runs the program or the provider (not `stack output`, `config`, `stack ls`, …).
 */
export function needsScalekit(args: Pick<RunArguments, "command" | "passThrough">): boolean {
  if (args.command !== "pulumi") return true;
  const command = firstPositional(args.passThrough);
  return command !== undefined && PROVIDER_COMMANDS.has(command);
}

/** The CLI's global flags that take a value as the next argument (`--color never`). */
const FLAGS_WITH_VALUE = new Set(["--color", "--cwd", "-C", "--tracing", "--tracing-header", "--profiling", "--memprofilerate", "--logflow-level", "-v", "--verbose"]);

function firstPositional(argv: readonly string[]): string | undefined {
  for (let index = 0; index < argv.length; index++) {
    const argument = argv[index];
    if (!argument.startsWith("-")) return argument;
    if (FLAGS_WITH_VALUE.has(argument)) index++;
  }
  return undefined;
}

/** The SCALEKIT_* variables that point the provider at a started emulator. */
export function emulatorEnv(announced: { url: string; clientId: string; clientSecret: string }): Record<string, string> {
  return { SCALEKIT_ENVIRONMENT_URL: announced.url, SCALEKIT_CLIENT_ID: announced.clientId, SCALEKIT_CLIENT_SECRET: announced.clientSecret };
}

/**
 * The local emulator of this repository: its command (`emulatorCommand`, the bin of the
 * pulumi-scalekit-emulator workspace), port (SCALEKIT_EMULATOR_PORT) and data file
 * (SCALEKIT_EMULATOR_DATA), so what `npm run up` onboarded is there for the next command that starts it.
 */
export function localEmulatorSpec(repoRoot: string, env: RunFacts["env"], emulatorCommand: string | undefined): EmulatorSpec {
  const port = env.SCALEKIT_EMULATOR_PORT === undefined ? DEFAULTS.emulatorPort : Number(env.SCALEKIT_EMULATOR_PORT);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new PlanError(`SCALEKIT_EMULATOR_PORT must be a port number, got ${JSON.stringify(env.SCALEKIT_EMULATOR_PORT)}`);
  const dataFile = path.resolve(repoRoot, env.SCALEKIT_EMULATOR_DATA ?? DEFAULTS.emulatorData);
  if (!emulatorCommand) throw new PlanError("the emulator package `pulumi-scalekit-emulator` (a workspace of this repository) is not installed; run `npm ci` first");
  return { script: emulatorCommand, args: ["--port", String(port), "--data", dataFile, "--seed", "1"], dataFile, port };
}

/** Environment variables that secret references of the tenants file name (valid entries only). */
function referencedVariables(text: string | undefined): string[] {
  if (text === undefined) return [];
  const references = parseTenantsFile(text).tenants.map(({ entry }) => entry.sso?.oidc?.clientSecret);
  return [...new Set(references.flatMap((reference) => (reference && "env" in reference ? [reference.env] : [])))];
}

function steps(facts: RunFacts, emulated: boolean): Step[] {
  const pulumi = (title: string, ...args: string[]): Step => ({ title, args });
  const stack = ["--stack", facts.stack];
  switch (facts.command) {
    case "pulumi":
      return [pulumi(`pulumi ${facts.passThrough.join(" ")}`.trim(), ...facts.passThrough)];
    case "destroy":
      return [
        pulumi(`select stack ${facts.stack}`, "stack", "select", facts.stack),
        // Organizations are protected; against the throwaway emulator that only gets in the way.
        ...(emulated ? [pulumi("unprotect the organizations (emulator only)", "state", "unprotect", "--all", "--yes", ...stack)] : []),
        pulumi(`pulumi destroy ${facts.stack}`, "destroy", ...stack, ...facts.passThrough),
      ];
    default:
      return [
        pulumi(`select or create stack ${facts.stack}`, "stack", "select", "--create", facts.stack),
        pulumi(`pulumi ${facts.command} ${facts.stack}`, facts.command, ...stack, ...facts.passThrough),
      ];
  }
}
