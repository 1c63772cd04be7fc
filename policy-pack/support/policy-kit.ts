import type { ResourceValidation, ResourceValidationArgs, StackValidationArgs } from "@pulumi/policy";

/**
 * A validation run only for resources of `type`. The type is also attached the way @pulumi/policy's
 * own `validateResourceOfType` does (`__pulumiType`), so the analyzer reports the policy as not
 * applicable to other resources without calling it (pulumi/pulumi-policy sdk/nodejs/policy/server.ts,
 * makeAnalyzeRpcFun).
 */
export function forResourcesOfType(type: string, validate: ResourceValidation): ResourceValidation {
  const validation: ResourceValidation = (args, reportViolation) => (args.type === type ? validate(args, reportViolation) : undefined);
  return Object.assign(validation, { __pulumiType: type });
}

/** The policy's configuration (from `--policy-pack-config`) over its defaults. */
export function policyConfig<T extends object>(args: ResourceValidationArgs | StackValidationArgs, defaults: T): T {
  const given = args.getConfig<Partial<T>>();
  const set = Object.fromEntries(Object.entries(given).filter(([, value]) => value !== undefined && value !== null));
  return { ...defaults, ...set };
}
