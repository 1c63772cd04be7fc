/**
 * `pulumi-scalekit/cli`: the operational commands as library functions (the `pulumi-scalekit` bin runs
 * them through runCli). Each takes its arguments and a CommandIo, and returns its exit code.
 */
export { runCli, overview } from "./cli";
export { COMMANDS, type CliCommand } from "./commands";
export { UsageError, type CommandIo, type LocalEnvironment, type ScalekitSession } from "./command-io";
export { processIo } from "./process-io";
export { openScalekitSession } from "./credentials/open-session";
export { findProjectDir } from "./credentials/project-dir";
export { readStackConfigFile, type StackConfigFile, type StackConfigValue } from "./credentials/stack-config-file";
export { findPulumiOnPath, readConfigWithPulumiCli } from "./credentials/pulumi-cli";
export { runHealthCommand } from "./health/command";
export { parseHealthArguments, HEALTH_USAGE, type HealthArguments } from "./health/arguments";
export { runPortalLinkCommand } from "./portal-link/command";
export { parsePortalLinkArguments, PORTAL_LINK_USAGE, type PortalLinkArguments } from "./portal-link/arguments";
export { runScaffoldCommand } from "./scaffold/command";
export { parseScaffoldArguments, SCAFFOLD_USAGE, type ScaffoldArguments } from "./scaffold/arguments";
export { runShardsCommand, parseShardsArguments, SHARDS_USAGE, type ShardsArguments } from "./shards/command";
export { githubMatrix, type GitHubShardMatrix, type ShardMatrixEntry, type ConfigMapValue } from "./shards/github-matrix";
export { operatorStacks, secretKeyOfConfig, type OperatorStack } from "./shards/operator-stacks";
export { shardOutputs, type ShardOutput } from "./shards/outputs";
