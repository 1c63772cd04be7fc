import { startEmulator, type Emulator } from "../../../emulator";
import { startNotesServer, type RunningNotesServer } from "../../../scripts/demo-sso/notes-server";
import { TenantDeployer, type DeployedResource, type ResourceKind } from "../../../scripts/demo-sso/tenant";
import { DynamicProviderHost, secretValue } from "../../helpers/dynamic-host";
import { serializedProvider } from "../../helpers/serialized-provider";

/** The two `iss` forms of Scalekit's MCP tokens: the environment URL, and `{env}/resources/{res}` (Scalekit is migrating to it). */
export const ISSUER_FORMS = ["environment", "resource"] as const;
export type IssuerForm = (typeof ISSUER_FORMS)[number];

/** What every SSO test runs against: the emulator, the sample MCP server and the real dynamic-provider host. */
export interface SsoWorld {
  emulator: Emulator;
  notes: RunningNotesServer;
  /** The McpServer resource that registered the sample server, as the host created it. */
  mcpServer: DeployedResource;
  host: DynamicProviderHost;
  deployer: TenantDeployer;
  /** The `iss` of the access tokens the MCP server gets. */
  tokenIssuer(): string;
}

/**
 * Starts the world in beforeAll and closes every part of it in afterAll, also when starting failed
 * halfway. The sample MCP server is registered through the McpServer resource, as a stack would do it.
 */
export function useSsoWorld(issuerForm: IssuerForm = "environment"): SsoWorld {
  const world = {
    tokenIssuer: () => (issuerForm === "resource" ? world.notes.resource.authorizationServer : world.emulator.url),
  } as SsoWorld;
  const closers: Array<() => unknown> = [];
  beforeAll(async () => {
    world.emulator = await startEmulator({ seed: 21, mcpTokenIssuer: issuerForm });
    closers.push(() => world.emulator.close());
    const providers = {} as Record<ResourceKind, string>;
    for (const kind of ["Organization", "Domain", "SSOConnection", "McpServer"] as const) providers[kind] = await serializedProvider(kind);
    world.host = await DynamicProviderHost.start();
    closers.push(() => world.host.stop());
    await world.host.configure({
      "scalekit:environmentUrl": world.emulator.url,
      "scalekit:clientId": world.emulator.clientId,
      "scalekit:clientSecret": secretValue(world.emulator.clientSecret),
    });
    world.deployer = new TenantDeployer(world.host, providers);
    world.notes = await startNotesServer(world.emulator, async (serverUrl) => {
      world.mcpServer = await world.deployer.deployMcpServer("notes", { name: "Notes", serverUrl, scopes: ["notes:read", "notes:write"] });
      return world.mcpServer.id;
    });
    closers.push(() => world.notes.close());
  });
  afterAll(async () => {
    for (const close of closers.reverse()) await close();
  });
  return world;
}
