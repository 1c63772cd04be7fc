import type { ResourceValidationPolicy } from "@pulumi/policy";
import { hostMatches } from "../support/host-pattern";
import { known } from "../support/known";
import { forResourcesOfType, policyConfig } from "../support/policy-kit";
import { SCALEKIT_TYPES } from "../support/resource-types";
import { stackConfig } from "../support/stack-config";

const DEFAULTS = { productionHosts: ["*.scalekit.com"], environmentUrl: "" };

export const noDebugInProduction: ResourceValidationPolicy = {
  name: "scalekit-no-debug-in-production",
  description: "No SSO connection has debugEnabled in a production Scalekit environment: debug mode shows IdP responses to whoever signs in.",
  enforcementLevel: "mandatory",
  configSchema: {
    properties: {
      productionHosts: {
        type: "array",
        items: { type: "string", minLength: 1 },
        default: DEFAULTS.productionHosts,
        description: "Host patterns of production environments; * stands for any characters (e.g. *.scalekit.com, auth.example.com).",
      },
      environmentUrl: {
        type: "string",
        description: "The Scalekit environment the stack manages; default: stack config scalekit:environmentUrl, then SCALEKIT_ENVIRONMENT_URL.",
      },
    },
  },
  validateResource: forResourcesOfType(SCALEKIT_TYPES.ssoConnection, (args, reportViolation) => {
    if (known(() => args.props.debugEnabled) !== true) return;
    const { productionHosts, environmentUrl } = policyConfig(args, DEFAULTS);
    // The provider's own order: stack config first, then the environment variable.
    const url = environmentUrl || stackConfig().values["scalekit:environmentUrl"] || process.env.SCALEKIT_ENVIRONMENT_URL;
    if (!url) return; // No environment configured: the provider would not start either.
    let host: string;
    try {
      host = new URL(url).hostname;
    } catch {
      return;
    }
    const pattern = productionHosts.find((candidate) => hostMatches(host, candidate));
    if (pattern === undefined) return;
    reportViolation(`debugEnabled is true and the Scalekit environment ${host} is production (matches ${pattern}); remove debugEnabled, or set it only in a development environment.`);
  }),
};
