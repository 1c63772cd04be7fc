import { encryptedKeysOfStack } from "./stack-settings-file";

/**
 * The stack's configuration as a policy pack gets it. The engine decrypts it and passes it in the
 * PULUMI_CONFIG environment variable, as JSON of "namespace:key" → string, with the project and stack
 * names (pulumi/pulumi pkg/resource/plugin/analyzer_plugin.go, constructEnv; and
 * sdk/nodejs/cmd/pulumi-language-nodejs/main.go, RunPlugin, for packs started by the Node language host).
 * Secret values arrive decrypted. Which keys are secret travels only in the ConfigureStack call
 * (config_secret_keys), and @pulumi/policy keeps nothing of it but the stack tags
 * (pulumi/pulumi-policy sdk/nodejs/policy/server.ts, configureStack).
 */
export interface StackConfig {
  values: Record<string, string>;
  project?: string;
  stack?: string;
}

export function stackConfig(env: NodeJS.ProcessEnv = process.env): StackConfig {
  let values: Record<string, string> = {};
  try {
    const parsed = JSON.parse(env.PULUMI_CONFIG || "{}");
    if (parsed && typeof parsed === "object") values = parsed;
  } catch {
    // Not JSON: no configuration to read.
  }
  return {
    values,
    project: env.PULUMI_NODEJS_PROJECT || env.PULUMI_PROJECT || undefined,
    stack: env.PULUMI_NODEJS_STACK || env.PULUMI_STACK || undefined,
  };
}

/** Keys of the configuration whose value is `value` (compared exactly). */
export function configKeysHolding(config: StackConfig, value: string): string[] {
  return Object.entries(config.values)
    .filter(([, held]) => held === value)
    .map(([key]) => key);
}

/**
 * The configuration keys stored encrypted, or undefined when the pack cannot tell: from the stack's
 * settings file, where an encrypted value is written `secure: …`. The engine passes a policy pack its
 * config values (PULUMI_CONFIG) but not which were secret (pulumi/pulumi
 * pkg/resource/plugin/analyzer_plugin.go, constructEnv).
 */
export function encryptedConfigKeys(config: StackConfig, env: NodeJS.ProcessEnv = process.env): Set<string> | undefined {
  if (!config.project || !config.stack) return undefined;
  const searchFrom = [env.PWD, process.cwd()].filter((directory): directory is string => Boolean(directory));
  return encryptedKeysOfStack(config.project, config.stack, searchFrom);
}

/** Names of environment variables of this process whose value is `value` (no values are returned). */
export function environmentVariablesHolding(value: string, env: NodeJS.ProcessEnv = process.env): string[] {
  return Object.entries(env)
    .filter(([name, held]) => held === value && name !== "PULUMI_CONFIG")
    .map(([name]) => name)
    .sort();
}
