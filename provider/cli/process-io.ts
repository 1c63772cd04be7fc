import type { CommandIo } from "./command-io";

/**
 * The io of a command run from a terminal. npm runs a package's scripts (and npx its bins) from the
 * package root; INIT_CWD is the folder the command was typed in.
 */
export function processIo(extra: Partial<CommandIo> = {}): CommandIo {
  return {
    cwd: process.env.INIT_CWD ?? process.cwd(),
    env: process.env,
    out: (line) => process.stdout.write(`${line}\n`),
    err: (line) => process.stderr.write(`${line}\n`),
    ...extra,
  };
}
