import { decodeJwt } from "jose";
import { startEmulator, type Emulator, type McpResource } from "pulumi-scalekit-emulator";
import { ProviderHost } from "../../tools/engine-standin/provider-host";
import { PACKAGE_ROOT } from "../package-root";
import type { DemoArguments } from "./arguments";
import { BROWSER_USER_AGENT, HeadlessBrowser } from "./browser/headless-browser";
import type { Cleanup } from "./cleanup";
import { connectWithSso } from "./connect-with-sso";
import { startDemoIdp } from "./demo-idp";
import { AuthorizationRefusedError, HeadlessOAuthProvider } from "./headless-oauth-provider";
import { startNotesServer } from "./notes-server";
import { waitForOwnServer } from "./own-server";
import { Parties } from "./parties";
import { SequencePrinter } from "./sequence";
import { serializedProviders } from "./serialized-providers";
import { TenantDeployer } from "./tenant";

const REDIRECT_URL = "http://127.0.0.1:53682/callback";

interface McpTarget {
  mcpUrl: URL;
  resource: McpResource;
  /** The sample server's whoami tool, or the tool you named. */
  tool?: string;
}

/** The demo's steps; everything started is registered with `cleanup`, which the caller runs. */
export async function runDemo(args: DemoArguments, cleanup: Cleanup, write: (line: string) => void, cancelled: AbortSignal): Promise<void> {
  const emulator = await startEmulator({ seed: 7, port: args.emulatorPort });
  cleanup.add("emulator", () => emulator.close());
  const host = await ProviderHost.start({ cwd: PACKAGE_ROOT, project: "scalekit-sso-demo" });
  cleanup.add("dynamic-provider host", () => host.stop());
  await host.configure({ "scalekit:environmentUrl": emulator.url, "scalekit:clientId": emulator.clientId, "scalekit:clientSecret": emulator.clientSecret });
  const deployer = new TenantDeployer(host, await serializedProviders(["Organization", "Domain", "SSOConnection", "McpServer"]));
  const target = await startMcpTarget(args, emulator, deployer, cleanup, write, cancelled);
  const idp = await startDemoIdp(args.protocol);
  cleanup.add("IdP", () => idp.close());

  const parties = new Parties(emulator.url);
  parties.name(target.mcpUrl.origin, "MCP server");
  parties.name(idp.origin, "IdP");
  parties.name(REDIRECT_URL, "MCP client");
  const printer = new SequencePrinter(write);
  // Who else calls Scalekit and the IdP at each step: the provider while provisioning, then the MCP server and Scalekit.
  let scalekitCaller = "Pulumi";
  let idpCaller = "Pulumi";
  idp.onRequest((request) => {
    if (request.userAgent === BROWSER_USER_AGENT) return;
    printer.record({ from: idpCaller, to: "IdP", channel: "machine", method: request.method, target: request.path, status: request.status, startedAt: request.startedAt });
  });

  write("Scalekit SSO for an MCP server, end to end, on this machine");
  write(`  Scalekit (emulator)  ${emulator.url}`);
  write(`  MCP server           ${target.mcpUrl.href}  (MCP resource ${target.resource.id})`);
  write(`  IdP                  ${idp.label}`);
  write("  ⇢ through the user's browser      → server to server");

  printer.line("\n1. Pulumi registers the MCP server (McpServer) and provisions the tenant: Organization, Domain, SSOConnection (real dynamic-provider host)");
  // Started here, so the registration of the MCP server, done before its server could start, shows under this step.
  printer.poll(() => parties.unseenScalekitCalls(emulator.requestLog, scalekitCaller));
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
  const client = await connectWithSso(target.mcpUrl, signIn.provider, signIn.fetch);
  cleanup.add("MCP client", () => client.close());
  await printer.settle();
  const claims = decodeJwt(signIn.provider.tokens()!.access_token);
  printer.line(`  = access token: ${JSON.stringify({ iss: claims.iss, aud: claims.aud, sub: claims.sub, oid: claims.oid, email: claims.email, scopes: claims.scopes })}`);

  if (target.tool === undefined) {
    const { tools } = await client.listTools();
    await printer.settle();
    printer.line(`  = tools: ${tools.map((tool) => tool.name).join(", ") || "(none)"}`);
  } else {
    printer.line(`\n4. The client calls ${target.tool}; the MCP server reads the user and organization from the token`);
    const result = (await client.callTool({ name: target.tool, arguments: {} })) as { structuredContent?: Record<string, unknown>; content?: unknown };
    await printer.settle();
    printer.line(`  = ${target.tool}: ${JSON.stringify(result.structuredContent ?? result.content)}`);
    if (target.tool === "whoami" && result.structuredContent?.organizationId !== tenant.organization.id) throw new Error("the MCP server did not see the tenant's organization");
  }

  printer.line("\n5. Pulumi disables the connection (an update with enabled: false); the next sign-in is refused");
  scalekitCaller = "Pulumi";
  await deployer.update(tenant.connection, { enabled: false });
  await printer.settle();
  scalekitCaller = "MCP server";
  const refused = newSignIn(args.email, parties, printer);
  const outcome = await connectWithSso(target.mcpUrl, refused.provider, refused.fetch).then(
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

/**
 * The sample MCP server in this process, or your server once it runs with the emulator's values;
 * either is registered with Scalekit through the McpServer resource, as a stack would do it.
 */
async function startMcpTarget(args: DemoArguments, emulator: Emulator, deployer: TenantDeployer, cleanup: Cleanup, write: (line: string) => void, cancelled: AbortSignal): Promise<McpTarget> {
  if (!args.mcpServer) {
    const register = async (serverUrl: string) => (await deployer.deployMcpServer("notes", { name: "Notes", serverUrl, scopes: ["notes:read", "notes:write"] })).id;
    const notes = await startNotesServer(emulator, register);
    cleanup.add("MCP server", () => notes.close());
    return { mcpUrl: notes.mcpUrl, resource: notes.resource, tool: "whoami" };
  }
  const registered = await deployer.deployMcpServer("your-server", { name: "Your MCP server", serverUrl: args.mcpServer.href, scopes: args.scopes });
  const resource = emulator.mcp.getResource(registered.id)!;
  write(`Start your MCP server (${args.mcpServer.href}) with this Scalekit configuration:`);
  write(`  SK_ENV_URL=${emulator.url}  MCP_SERVER_ID=${resource.id}  (tokens: iss ${emulator.url}, aud [${resource.resourceUrl}, ${resource.id}], JWKS ${emulator.url}/keys)`);
  write(`  protected resource metadata: {"resource": "${resource.resourceUrl}", "authorization_servers": ["${resource.authorizationServer}"]}`);
  write("Waiting for it (Ctrl-C to stop)…\n");
  await waitForOwnServer(args.mcpServer, resource, cancelled);
  return { mcpUrl: args.mcpServer, resource, tool: args.tool };
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
