import { PACKAGE_VERSION } from "../core/version";
import { UsageError, type CommandIo } from "./command-io";
import { COMMANDS, type CliCommand } from "./commands";

const HELP = ["--help", "-h"];

export function overview(commands: readonly CliCommand[] = COMMANDS): string {
  const width = Math.max(...commands.map((command) => command.name.length));
  return [
    "usage: pulumi-scalekit <command> [options]      (in this repository: npm run <command> -- [options])",
    "",
    ...commands.map((command) => `  ${command.name.padEnd(width)}  ${command.summary}`),
    "",
    "pulumi-scalekit <command> --help shows a command's options. Credentials: --stack <stack> reads the",
    "stack's config (Pulumi.<stack>.yaml; encrypted values through the Pulumi CLI), else SCALEKIT_ENVIRONMENT_URL,",
    "SCALEKIT_CLIENT_ID and SCALEKIT_CLIENT_SECRET.",
  ].join("\n");
}

/**
 * `pulumi-scalekit <command> [options]`: the one entry of every operational command, for the package's
 * `bin` and this repository's npm scripts alike. Returns the exit code: the command's, or 2 for a
 * command line it cannot run (printed with the usage) or an error.
 */
export async function runCli(argv: readonly string[], io: CommandIo, commands: readonly CliCommand[] = COMMANDS): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || HELP.includes(name) || name === "help") {
    const asked = commands.find((command) => command.name === rest[0]);
    (name === undefined ? io.err : io.out)(asked ? asked.usage : overview(commands));
    return name === undefined ? 2 : 0;
  }
  if (name === "--version") {
    io.out(PACKAGE_VERSION);
    return 0;
  }
  const command = commands.find((candidate) => candidate.name === name);
  if (!command) {
    io.err(`unknown command ${name}\n\n${overview(commands)}`);
    return 2;
  }
  if (rest.some((argument) => HELP.includes(argument))) {
    io.out(command.usage);
    return 0;
  }
  try {
    return await command.run(rest, io);
  } catch (error) {
    io.err(error instanceof UsageError ? `${error.message}\n${command.usage}` : (error as Error).message);
    return 2;
  }
}
