import { existsSync, writeFileSync } from "node:fs";
import * as path from "node:path";
import { ScalekitClient } from "../../api/client";
import { scaffoldTenantsFile } from "../../scaffold";
import type { CommandIo } from "../command-io";
import { findProjectDir } from "../credentials/project-dir";
import { openScalekitSession } from "../credentials/open-session";
import { parseScaffoldArguments } from "./arguments";

/**
 * `pulumi-scalekit scaffold --out <file>`: writes a tenants file that reproduces the Scalekit
 * environment (see provider/scaffold). Exit codes: 0 written, 2 nothing written (the file exists, the
 * environment could not be read); a usage error is thrown, for the dispatcher to print with the usage.
 */
export async function runScaffoldCommand(argv: readonly string[], io: CommandIo, now?: Date): Promise<number> {
  const args = parseScaffoldArguments(argv);
  const out = path.resolve(io.cwd, args.out);
  const refusal = `${out} exists; scaffold never overwrites a file: choose another --out`;
  // Refused before reading anything; the exclusive write below closes the gap until the file is written.
  if (existsSync(out)) {
    io.err(refusal);
    return 2;
  }
  let session;
  let client: ScalekitClient | undefined;
  try {
    session = await openScalekitSession({ projectDir: findProjectDir(io.cwd), stack: args.stack }, io);
    client = new ScalekitClient(session.settings);
    const result = await scaffoldTenantsFile(client, { now });
    writeFileSync(out, result.text, { flag: "wx" });
    const notes = result.tenants.filter((tenant) => tenant.notes.length).length;
    io.out(`wrote ${out}: ${result.tenants.length} tenant${result.tenants.length === 1 ? "" : "s"}, ${notes} with comments on what the file does not declare`);
    if (result.secretConfigKeys.length) {
      io.out(`before \`pulumi up\`, set the ${result.secretConfigKeys.length} OIDC client secret(s) Scalekit never returns:`);
      result.secretConfigKeys.forEach((key) => io.out(`  pulumi config set --secret ${key} <the client secret>`));
    }
    return 0;
  } catch (error) {
    const exists = (error as NodeJS.ErrnoException).code === "EEXIST";
    io.err(exists ? refusal : `scaffold failed: ${(error as Error).message}`);
    return 2;
  } finally {
    await client?.close();
    await session?.close();
  }
}
