#!/usr/bin/env node
/**
 * npm run demo:sso [-- --protocol oidc|saml] [--email someone@acme.test] [--mcp-server URL --scopes a,b --tool name]
 *
 * Scalekit's "Secure MCP with enterprise SSO" flow, locally: the emulator, a customer IdP and the
 * sample MCP server (or yours); Pulumi's dynamic-provider host provisions the tenant; the official
 * MCP SDK client signs a user in through a headless browser and calls a tool. Every hop is printed
 * as it happens. Exits 0 when the flow worked, with every process and server stopped.
 */
import { parseDemoArguments, UsageError, USAGE, type DemoArguments } from "./arguments";
import { Cleanup } from "./cleanup";
import { runDemo } from "./run-demo";

const write = (line: string) => process.stdout.write(`${line}\n`);

async function main(): Promise<number> {
  let args: DemoArguments;
  try {
    args = parseDemoArguments(process.argv.slice(2));
  } catch (err) {
    const problem = err instanceof UsageError || (err as { code?: string }).code?.startsWith("ERR_PARSE_ARGS") ? (err as Error).message : String(err);
    process.stderr.write(problem ? `${problem}\n${USAGE}` : USAGE);
    return 2;
  }
  const cleanup = new Cleanup();
  const interrupted = new AbortController();
  const interrupt = () => interrupted.abort();
  process.once("SIGINT", interrupt);
  let failed = false;
  try {
    await runDemo(args, cleanup, write, interrupted.signal);
  } catch (err) {
    failed = true;
    process.stderr.write(`\ndemo failed: ${interrupted.signal.aborted ? "interrupted" : ((err as Error).stack ?? String(err))}\n`);
  }
  process.off("SIGINT", interrupt);
  const stopFailures = await cleanup.run();
  for (const failure of stopFailures) process.stderr.write(`could not stop ${failure}\n`);
  write(failed ? "\nStopped everything after the failure." : "\nDone. Emulator, IdP, MCP server and provider host are stopped.");
  return failed || stopFailures.length > 0 ? 1 : 0;
}

void main().then((code) => {
  process.exitCode = code;
});
