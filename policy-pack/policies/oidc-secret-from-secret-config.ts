import type { ResourceValidationPolicy } from "@pulumi/policy";
import { known } from "../support/known";
import { forResourcesOfType } from "../support/policy-kit";
import { SCALEKIT_TYPES } from "../support/resource-types";
import { configKeysHolding, encryptedConfigKeys, environmentVariablesHolding, stackConfig } from "../support/stack-config";

const HOW = 'store it with `pulumi config set --secret <key> …` and pass config.requireSecret("<key>") (in tenants.yaml: clientSecret: { config: <key> })';

/**
 * A policy sees the secret's value, not where it came from: @pulumi/policy hands secrets to policies
 * unwrapped (pulumi/pulumi-policy sdk/nodejs/policy/deserialize.ts, deserializeProperty), and the
 * connection marks its whole `oidc` input secret anyway. So the value is looked up among the stack's
 * configuration values (which the pack receives decrypted, see stack-config.ts), then the key it was
 * found under among the encrypted ones. Only key and variable names are ever reported.
 */
export const oidcSecretFromSecretConfig: ResourceValidationPolicy = {
  name: "scalekit-oidc-secret-from-secret-config",
  description: "An OIDC client secret comes from the stack's secret configuration: not written in the program, not from an environment variable, not from plain config.",
  enforcementLevel: "mandatory",
  validateResource: forResourcesOfType(SCALEKIT_TYPES.ssoConnection, (args, reportViolation) => {
    const clientSecret = known(() => args.props.oidc?.clientSecret);
    if (typeof clientSecret !== "string") return; // No OIDC, or a value not known before the update.
    const config = stackConfig();
    const keys = configKeysHolding(config, clientSecret);
    if (!keys.length) {
      const variables = environmentVariablesHolding(clientSecret);
      const origin = variables.length ? `it comes from the environment variable ${variables.join(", ")}` : "it is not a stack config value";
      return reportViolation(`oidc.clientSecret is not read from the stack's secret configuration (${origin}); ${HOW}.`);
    }
    const encrypted = encryptedConfigKeys(config);
    if (!encrypted || keys.some((key) => encrypted.has(key))) return;
    reportViolation(`oidc.clientSecret comes from stack config ${keys.join(", ")}, which is stored in plain text; set it again with \`pulumi config set --secret ${keys[0]} …\`.`);
  }),
};
