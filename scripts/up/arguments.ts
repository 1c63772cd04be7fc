export const COMMANDS = ["up", "preview", "refresh", "destroy", "pulumi"] as const;
export type RunCommand = (typeof COMMANDS)[number];

export interface RunArguments {
  command: RunCommand;
  /** The stack to select or create; default "dev". */
  stack: string;
  /** Everything else, handed to the Pulumi CLI as is (e.g. --yes, --diff, or a whole command after `pulumi`). */
  passThrough: string[];
}

/** `up [--stack name] [pulumi flags…]`; `pulumi <any pulumi command…>` runs that command in the same setup. */
export function parseRunArguments(argv: readonly string[]): RunArguments {
  const [command, ...rest] = argv;
  if (!COMMANDS.includes(command as RunCommand)) throw new Error(`expected one of ${COMMANDS.join(", ")} as the first argument, got ${JSON.stringify(command ?? "")}`);
  let stack = "dev";
  const passThrough: string[] = [];
  for (let index = 0; index < rest.length; index++) {
    const argument = rest[index];
    if (command !== "pulumi" && (argument === "--stack" || argument === "-s")) {
      stack = rest[++index] ?? "";
      if (!stack) throw new Error(`${argument} needs a stack name`);
    } else if (command !== "pulumi" && argument.startsWith("--stack=")) {
      stack = argument.slice("--stack=".length);
    } else {
      passThrough.push(argument);
    }
  }
  return { command: command as RunCommand, stack, passThrough };
}
