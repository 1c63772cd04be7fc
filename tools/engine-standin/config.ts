import { secretEnvelope, type Bag } from "./values";

/** A stack config value; secrets as `{ secret }` (what `pulumi config set --secret` stores). */
export type ConfigValue = string | { secret: string };
/** Stack configuration by namespaced key ("scalekit:clientId", "<project>:tenantsFile"). */
export type StackConfig = Record<string, ConfigValue>;

const isSecret = (value: ConfigValue): value is { secret: string } => typeof value === "object";
const plain = (value: ConfigValue) => (isSecret(value) ? value.secret : value);

/** A key as `pulumi config set` stores it: un-namespaced keys belong to the project. */
export function namespacedKey(key: string, project: string): string {
  return key.includes(":") ? key : `${project}:${key}`;
}

/**
 * The program's view of the config: PULUMI_CONFIG with `<namespace>:config:<name>` keys and
 * PULUMI_CONFIG_SECRET_KEYS, as the Node language host sets them
 * (sdk/nodejs/cmd/pulumi-language-nodejs/main.go, constructConfig and constructConfigSecretKeys).
 */
export function programConfigEnv(config: StackConfig): Record<string, string> {
  const values: Record<string, string> = {};
  const secretKeys: string[] = [];
  for (const [key, value] of Object.entries(config)) {
    const separator = key.indexOf(":");
    values[`${key.slice(0, separator)}:config:${key.slice(separator + 1)}`] = plain(value);
    if (isSecret(value)) secretKeys.push(key);
  }
  return { PULUMI_CONFIG: JSON.stringify(values), PULUMI_CONFIG_SECRET_KEYS: JSON.stringify(secretKeys) };
}

/**
 * What the dynamic provider's Configure receives: every key of the stack config, namespaces kept,
 * secrets as secret values (pkg/resource/deploy/target.go, GetPackageConfig: "For dynamic providers,
 * we always pass the full configuration").
 */
export function providerConfigureArgs(config: StackConfig): Bag {
  return Object.fromEntries(Object.entries(config).map(([key, value]) => [key, isSecret(value) ? secretEnvelope(value.secret) : value]));
}
