import { existsSync, writeFileSync } from "node:fs";
import * as path from "node:path";
import { ScalekitClient } from "../../provider/api/client";
import { resolveClientSettings, type ConfigLookup } from "../../provider/core/settings";
import { scaffoldTenantsFile } from "../../provider/scaffold";
import { parseScaffoldArguments, SCAFFOLD_USAGE } from "./arguments";

export interface ScaffoldCommandIo {
  /** Where a relative --out starts (where the command was typed). */
  cwd: string;
  /** Where credentials come from before the SCALEKIT_* environment variables (stack config, say). */
  lookup: ConfigLookup;
  env: NodeJS.ProcessEnv;
  stdout(line: string): void;
  stderr(line: string): void;
  now?: Date;
}

/**
 * `npm run scaffold -- --out <file>`: writes a tenants file that reproduces the Scalekit environment
 * (see provider/scaffold). Exit codes: 0 written, 2 nothing written (bad arguments, the file exists,
 * the environment could not be read).
 */
export async function runScaffoldCommand(argv: readonly string[], io: ScaffoldCommandIo): Promise<number> {
  let out: string;
  try {
    out = path.resolve(io.cwd, parseScaffoldArguments(argv).out);
  } catch (error) {
    io.stderr(`${(error as Error).message}\n${SCAFFOLD_USAGE}`);
    return 2;
  }
  const refusal = `${out} exists; scaffold never overwrites a file: choose another --out`;
  // Refused before reading anything; the exclusive write below closes the gap until the file is written.
  if (existsSync(out)) {
    io.stderr(refusal);
    return 2;
  }
  let client: ScalekitClient | undefined;
  try {
    client = new ScalekitClient(resolveClientSettings(io.lookup, io.env));
    const result = await scaffoldTenantsFile(client, { now: io.now });
    writeFileSync(out, result.text, { flag: "wx" });
    const notes = result.tenants.filter((tenant) => tenant.notes.length).length;
    io.stdout(`wrote ${out}: ${result.tenants.length} tenant${result.tenants.length === 1 ? "" : "s"}, ${notes} with comments on what the file does not declare`);
    if (result.secretConfigKeys.length) {
      io.stdout(`before \`pulumi up\`, set the ${result.secretConfigKeys.length} OIDC client secret(s) Scalekit never returns:`);
      result.secretConfigKeys.forEach((key) => io.stdout(`  pulumi config set --secret ${key} <the client secret>`));
    }
    return 0;
  } catch (error) {
    const exists = (error as NodeJS.ErrnoException).code === "EEXIST";
    io.stderr(exists ? refusal : `scaffold failed: ${(error as Error).message}`);
    return 2;
  } finally {
    await client?.close();
  }
}
