/**
 * `pulumi-scalekit/cli`: the operational commands as library functions (the `pulumi-scalekit` bin runs
 * them through runCli). Each takes its arguments and a CommandIo, and returns its exit code.
 */
export { runCli } from "./cli";
export { COMMANDS, type CliCommand } from "./commands";
export { UsageError, type CommandIo, type LocalEnvironment, type ScalekitSession } from "./command-io";
export { processIo } from "./process-io";
export { openScalekitSession } from "./credentials/open-session";
export { findProjectDir } from "./credentials/project-dir";
export { runHealthCommand } from "./health/command";
export { runPortalLinkCommand } from "./portal-link/command";
export { runScaffoldCommand } from "./scaffold/command";
export { runShardsCommand } from "./shards/command";
export { githubMatrix, type GitHubShardMatrix, type ShardMatrixEntry, type ConfigMapValue } from "./shards/github-matrix";
export { operatorStacks, type OperatorStack } from "./shards/operator-stacks";
export { shardOutputs, type ShardOutput } from "./shards/outputs";
