#!/usr/bin/env node
/**
 * npm run demo:sso [-- --protocol oidc|saml] [--email someone@acme.test]
 *
 * Scalekit's "Secure MCP with enterprise SSO" flow, locally: the emulator, a customer IdP and the
 * sample MCP server; Pulumi's dynamic-provider host provisions the tenant; the official MCP SDK client
 * signs a user in through a headless browser and calls a tool. Every hop is printed as it happens.
 */
import { existsSync, readFileSync } from "node:fs";
import * as path from "node:path";
import { decodeJwt } from "jose";
import { startEmulator } from "../../emulator";
import { ProviderHost } from "../engine/provider-host";
import { parseDemoArguments, USAGE, type DemoArguments } from "./arguments";
import { BROWSER_USER_AGENT, HeadlessBrowser } from "./browser/headless-browser";
import { Cleanup } from "./cleanup";
import { connectWithSso } from "./connect-with-sso";
import { startDemoIdp } from "./demo-idp";
import { AuthorizationRefusedError, HeadlessOAuthProvider } from "./headless-oauth-provider";
import { startNotesServer } from "./notes-server";
import { Parties } from "./parties";
import { SequencePrinter } from "./sequence";
import { serializedProviders } from "./serialized-providers";
import { TenantDeployer } from "./tenant";

const REDIRECT_URL = "http://127.0.0.1:53682/callback";
const write = (line: string) => process.stdout.write(`${line}\n`);

async function runDemo(args: DemoArguments, cleanup: Cleanup): Promise<void> {
  const emulator = await startEmulator({ seed: 7 });
  cleanup.add("emulator", () => emulator.close());
  const notes = await startNotesServer(emulator);
  cleanup.add("MCP server", () => notes.close());
  const idp = await startDemoIdp(args.protocol);
  cleanup.add("IdP", () => idp.close());

  const parties = new Parties(emulator.url);
  parties.name(notes.url, "MCP server");
  parties.name(idp.origin, "IdP");
  parties.name(REDIRECT_URL, "MCP client");
  const printer = new SequencePrinter(write);
  // Who else calls Scalekit and the IdP at each step: the provider while provisioning, then the MCP server and Scalekit.
  let scalekitCaller = "Pulumi";
  let idpCaller = "Pulumi";
  printer.poll(() => parties.unseenScalekitCalls(emulator.requestLog, scalekitCaller));
  idp.onRequest((request) => {
    if (request.userAgent === BROWSER_USER_AGENT) return;
    printer.record({ from: idpCaller, to: "IdP", channel: "machine", method: request.method, target: request.path, status: request.status, startedAt: request.startedAt });
  });

  write("Scalekit SSO for an MCP server, end to end, on this machine");
  write(`  Scalekit (emulator)  ${emulator.url}`);
  write(`  MCP server           ${notes.mcpUrl.href}  (MCP resource ${notes.resource.id})`);
  write(`  IdP                  ${idp.label}`);
  write("  ⇢ through the user's browser      → server to server");

  printer.line("\n1. Pulumi provisions the tenant: Organization, Domain, SSOConnection (real dynamic-provider host)");
  const host = await ProviderHost.start({ cwd: packageRoot(), project: "scalekit-sso-demo" });
  cleanup.add("dynamic-provider host", () => host.stop());
  await host.configure({ "scalekit:environmentUrl": emulator.url, "scalekit:clientId": emulator.clientId, "scalekit:clientSecret": emulator.clientSecret });
  const deployer = new TenantDeployer(host, await serializedProviders(["Organization", "Domain", "SSOConnection"]));
  const tenant = await deployer.deploy({ name: "acme", displayName: "Acme Corp", domain: "acme.test", connection: idp.connection });
  await printer.settle();
  const connection = tenant.connection.props;
  printer.line(`  = Organization ${tenant.organization.id} "Acme Corp", Domain acme.test (ORGANIZATION_DOMAIN), ${connection.protocol} connection ${connection.connectionId}: ${connection.status}, enabled`);

  printer.line("\n2. The customer's IdP admin adds Scalekit as an app, with the values the connection outputs");
  printer.line(`  = ${await idp.addApp(connection)}`);

  printer.line(`\n3. An MCP client connects to the MCP server; ${args.email} signs in with SSO`);
  scalekitCaller = "MCP server";
  idpCaller = "Scalekit";
  const signIn = newSignIn(args.email, parties, printer);
  const client = await connectWithSso(notes.mcpUrl, signIn.provider, signIn.fetch);
  cleanup.add("MCP client", () => client.close());
  await printer.settle();

  printer.line("\n4. The client calls the whoami tool; the MCP server reads the user and organization from the token");
  const result = (await client.callTool({ name: "whoami", arguments: {} })) as { structuredContent?: Record<string, unknown> };
  await printer.settle();
  const claims = decodeJwt(signIn.provider.tokens()!.access_token);
  printer.line(`  access token: ${JSON.stringify({ iss: claims.iss, aud: claims.aud, sub: claims.sub, oid: claims.oid, email: claims.email, scopes: claims.scopes })}`);
  printer.line(`  whoami: ${JSON.stringify(result.structuredContent)}`);
  if (result.structuredContent?.organizationId !== tenant.organization.id) throw new Error("the MCP server did not see the tenant's organization");

  printer.line("\n5. Pulumi disables the connection (an update with enabled: false); the next sign-in is refused");
  scalekitCaller = "Pulumi";
  await deployer.update(tenant.connection, { enabled: false });
  await printer.settle();
  scalekitCaller = "MCP server";
  const refused = newSignIn(args.email, parties, printer);
  const outcome = await connectWithSso(notes.mcpUrl, refused.provider, refused.fetch).then(
    async (unexpected) => {
      await unexpected.close();
      throw new Error("the sign-in succeeded although the connection is disabled");
    },
    (err: unknown) => err,
  );
  await printer.settle();
  if (!(outcome instanceof AuthorizationRefusedError)) throw outcome;
  printer.line(`  = the client got ${outcome.error}: ${outcome.description}`);
}

/** A fresh MCP client session: its own browser (cookies), OAuth provider (registration, tokens) and recording fetch. */
function newSignIn(email: string, parties: Parties, printer: SequencePrinter) {
  const browser = new HeadlessBrowser({ answers: { email, login: email, password: "demo" }, onHop: (hop) => printer.record(parties.browserHop(hop)) });
  const provider = new HeadlessOAuthProvider({ browser, redirectUrl: REDIRECT_URL, clientName: "demo MCP client" });
  const recordingFetch = async (input: string | URL, init?: RequestInit) => {
    const startedAt = Date.now();
    const response = await fetch(input, init);
    printer.record(parties.clientHop(new URL(String(input)), init?.method ?? "GET", response.status, startedAt));
    return response;
  };
  return { provider, fetch: recordingFetch };
}

/** The repository root, where `pulumi-scalekit/runtime` resolves for the provider host. */
function packageRoot(): string {
  for (let dir = __dirname; dir !== path.dirname(dir); dir = path.dirname(dir)) {
    const manifest = path.join(dir, "package.json");
    if (existsSync(manifest) && JSON.parse(readFileSync(manifest, "utf8")).name === "pulumi-scalekit") return dir;
  }
  throw new Error(`no pulumi-scalekit package.json above ${__dirname}`);
}

async function main(): Promise<number> {
  let args: DemoArguments;
  try {
    args = parseDemoArguments(process.argv.slice(2));
  } catch (err) {
    process.stderr.write((err as Error).message === USAGE ? USAGE : `${(err as Error).message}\n${USAGE}`);
    return 2;
  }
  const cleanup = new Cleanup();
  let failed = false;
  try {
    await runDemo(args, cleanup);
  } catch (err) {
    failed = true;
    process.stderr.write(`\ndemo failed: ${(err as Error).stack ?? String(err)}\n`);
  }
  const stopFailures = await cleanup.run();
  for (const failure of stopFailures) process.stderr.write(`could not stop ${failure}\n`);
  write(failed ? "\nStopped everything after the failure." : "\nDone. Emulator, IdP, MCP server and provider host are stopped.");
  return failed || stopFailures.length > 0 ? 1 : 0;
}

void main().then((code) => {
  process.exitCode = code;
});
