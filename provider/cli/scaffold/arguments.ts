import { UsageError } from "../command-io";
import { readCommandLine } from "../command-line";

export const SCAFFOLD_USAGE = `usage: pulumi-scalekit scaffold --out <file> [--stack <stack>]

Reads every organization of the Scalekit environment (read-only), with its domains and SSO connection,
and writes a tenants file that reproduces it: each tenant with adopt: true, so the first \`pulumi up\`
takes every object over without writing to Scalekit. Never overwrites a file.
--out    where to write the tenants file
--stack  read the credentials from this stack's config (else SCALEKIT_* variables)`;

export interface ScaffoldArguments {
  /** Where to write the tenants file; an existing file is never overwritten. */
  out: string;
  stack?: string;
}

export function parseScaffoldArguments(argv: readonly string[]): ScaffoldArguments {
  const { values, positional } = readCommandLine(argv, { values: ["--out", "--stack"] });
  if (positional.length) throw new UsageError(`unexpected ${positional.join(" ")}`);
  const out = values["--out"];
  if (!out) throw new UsageError("--out <file> is required");
  return { out, stack: values["--stack"] };
}
