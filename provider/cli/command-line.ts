import { UsageError } from "./command-io";

/** The flags a command takes: those with a value (`--flag v` or `--flag=v`) and switches. */
export interface FlagSpec {
  values: readonly string[];
  switches?: readonly string[];
}

export interface CommandLine {
  values: Record<string, string>;
  switches: Set<string>;
  positional: string[];
}

/** Splits a command's arguments; an unknown flag or a missing value is a UsageError naming it. */
export function readCommandLine(argv: readonly string[], spec: FlagSpec): CommandLine {
  const line: CommandLine = { values: {}, switches: new Set(), positional: [] };
  for (let index = 0; index < argv.length; index++) {
    const argument = argv[index];
    if (!argument.startsWith("-")) {
      line.positional.push(argument);
      continue;
    }
    const [flag, inline] = argument.split(/=(.*)/s, 2);
    if (spec.switches?.includes(flag) && inline === undefined) {
      line.switches.add(flag);
    } else if (spec.values.includes(flag)) {
      const value = inline ?? argv[++index];
      if (value === undefined || value === "" || (inline === undefined && value.startsWith("--"))) throw new UsageError(`${flag} needs a value`);
      line.values[flag] = value;
    } else {
      throw new UsageError(`unknown option ${flag}`);
    }
  }
  return line;
}
