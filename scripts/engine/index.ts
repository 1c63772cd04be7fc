/**
 * A stand-in for the Pulumi engine on machines without the CLI: capture a program's resources under
 * mocks, then play them through the real dynamic-provider host (up, refresh, destroy).
 */
export { captureProgram, ProgramError, type CapturedProgram, type CaptureOptions, type RegisteredResource } from "./capture";
export { Engine, type EngineOptions, type OperationKind, type OperationReport, type PassReport } from "./engine";
export { MarkerTable, type MarkerSource } from "./markers";
export { ProviderHost, type ProviderHostOptions, type CheckResult, type DiffResult, type ReadResult, type HostError, type Bag } from "./provider-host";
export { runInDependencyOrder, type Outcome } from "./scheduler";
export { scalekitComputedOutputs } from "./scalekit-outputs";
export { emptyState, type EngineState, type StateEntry } from "./state";
export { revealSecrets, isSecretEnvelope, secretEnvelope, deepEqual } from "./values";
