import * as pulumi from "@pulumi/pulumi";
import type { SecretReference } from "./secret-reference";
import type { SecretSources } from "./secret-sources";

/** The secret a reference points at, as a Pulumi secret; or why it cannot be had. */
export function resolveSecret(reference: SecretReference, sources: SecretSources): { value: pulumi.Output<string> } | { problem: string } {
  if ("env" in reference) {
    const value = sources.env(reference.env);
    return value ? { value: pulumi.secret(value) } : { problem: `environment variable ${reference.env} is not set` };
  }
  const { fullKey, value, secret } = sources.config(reference.config);
  const setIt = `\`pulumi config set --secret ${reference.config} <value>\``;
  if (value === undefined || value === "") return { problem: `stack config ${fullKey} is not set; set it with ${setIt}` };
  if (!secret) return { problem: `stack config ${fullKey} is stored in plain text; set it again with ${setIt}` };
  return { value: pulumi.secret(value) };
}
