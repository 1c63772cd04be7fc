import * as pulumi from "@pulumi/pulumi";

/** Where secret references are looked up. */
export interface SecretSources {
  /** A stack config value by key: "name" (the project's namespace) or "namespace:name". */
  config(key: string): { fullKey: string; value?: string; secret: boolean };
  env(name: string): string | undefined;
}

/** The stack's configuration and the process environment, as a Pulumi program sees them. */
export function stackSecretSources(env: NodeJS.ProcessEnv = process.env): SecretSources {
  return {
    config(key) {
      const fullKey = key.includes(":") ? key : `${pulumi.getProject()}:${key}`;
      // isConfigSecret is not in the SDK's typings; without it the value is still used, just unchecked.
      const isSecret = (pulumi.runtime as unknown as { isConfigSecret?: (key: string) => boolean }).isConfigSecret;
      return { fullKey, value: pulumi.runtime.getConfig(fullKey), secret: isSecret ? isSecret(fullKey) : true };
    },
    env: (name) => env[name],
  };
}
