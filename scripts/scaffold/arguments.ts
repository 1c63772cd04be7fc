export const SCAFFOLD_USAGE = "usage: npm run scaffold -- --out <file>";

export interface ScaffoldArguments {
  /** Where to write the tenants file; an existing file is never overwritten. */
  out: string;
}

/** `--out <file>`; throws naming what is wrong. */
export function parseScaffoldArguments(argv: readonly string[]): ScaffoldArguments {
  let out: string | undefined;
  for (let index = 0; index < argv.length; index++) {
    const [flag, inline] = argv[index].split(/=(.*)/s, 2);
    if (flag !== "--out") throw new Error(`unknown argument ${flag}`);
    out = inline ?? argv[++index];
    if (out === undefined || out === "") throw new Error("--out needs a file name");
  }
  if (!out) throw new Error("--out <file> is required");
  return { out };
}
