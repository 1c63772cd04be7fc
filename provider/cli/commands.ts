import type { CommandIo } from "./command-io";
import { HEALTH_USAGE } from "./health/arguments";
import { runHealthCommand } from "./health/command";
import { PORTAL_LINK_USAGE } from "./portal-link/arguments";
import { runPortalLinkCommand } from "./portal-link/command";
import { SCAFFOLD_USAGE } from "./scaffold/arguments";
import { runScaffoldCommand } from "./scaffold/command";
import { runShardsCommand, SHARDS_USAGE } from "./shards/command";

/** One command of `pulumi-scalekit <command>`: what `--help` prints, and how it runs (its exit code). */
export interface CliCommand {
  name: string;
  summary: string;
  usage: string;
  run(argv: readonly string[], io: CommandIo): Promise<number> | number;
}

/** Every command, in the order `pulumi-scalekit --help` lists them. */
export const COMMANDS: readonly CliCommand[] = [
  { name: "health", summary: "each tenant as Scalekit has it; exit 1 when one needs action (scheduled CI)", usage: HEALTH_USAGE, run: runHealthCommand },
  { name: "portal-link", summary: "mint a fresh single-use admin portal link for a tenant's IT admin", usage: PORTAL_LINK_USAGE, run: runPortalLinkCommand },
  { name: "scaffold", summary: "write a tenants file that adopts what a Scalekit environment already has", usage: SCAFFOLD_USAGE, run: runScaffoldCommand },
  { name: "shards", summary: "validate a sharded layout; write its CI matrix and Kubernetes Operator Stacks", usage: SHARDS_USAGE, run: runShardsCommand },
];
