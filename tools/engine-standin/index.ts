/**
 * The engine stand-in: plays the Pulumi engine for `preview`, `up`, `refresh` and `destroy` on machines
 * without the Pulumi CLI. A test and benchmark tool, not part of the product; README.md lists the
 * rules it follows (with the Pulumi source of each) and what it leaves out.
 */
export { StandInStack, type StandInStackOptions } from "./stack";
export { changes, comparablePlan, type Diagnostic, type OperationKind, type OperationReport, type PlanStep, type ProviderCall, type ProviderMethod, type StepOp } from "./plan";
export { ProviderHost, type ProviderHostOptions, type CheckResult, type DiffResult, type ReadResult, type HostError } from "./provider-host";
export { startPlugin, type PluginProcess } from "./plugin-process";
export { readProject, type PulumiProject } from "./project";
export { emptyState, nameOf, type ResourceState, type StackState } from "./state";
export type { ConfigValue, StackConfig } from "./config";
export { runInDependencyOrder, type Outcome } from "./scheduler";
export { containsSecrets, deepEqual, isSecretEnvelope, revealSecrets, secretEnvelope, UNKNOWN, type Bag } from "./values";
