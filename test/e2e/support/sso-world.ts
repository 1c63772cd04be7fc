import { startEmulator, type Emulator } from "../../../emulator";
import { startNotesServer, type RunningNotesServer } from "../../../scripts/demo-sso/notes-server";
import { TenantDeployer, type ResourceKind } from "../../../scripts/demo-sso/tenant";
import { DynamicProviderHost, secretValue } from "../../helpers/dynamic-host";
import { serializedProvider } from "../../helpers/serialized-provider";

/** What every SSO test runs against: the emulator, the sample MCP server and the real dynamic-provider host. */
export interface SsoWorld {
  emulator: Emulator;
  notes: RunningNotesServer;
  host: DynamicProviderHost;
  deployer: TenantDeployer;
}

/** Starts the world in beforeAll and closes every part of it in afterAll, also when starting failed halfway. */
export function useSsoWorld(): SsoWorld {
  const world = {} as SsoWorld;
  const closers: Array<() => unknown> = [];
  beforeAll(async () => {
    world.emulator = await startEmulator({ seed: 21 });
    closers.push(() => world.emulator.close());
    world.notes = await startNotesServer(world.emulator);
    closers.push(() => world.notes.close());
    const providers = {} as Record<ResourceKind, string>;
    for (const kind of ["Organization", "Domain", "SSOConnection"] as const) providers[kind] = await serializedProvider(kind);
    world.host = await DynamicProviderHost.start();
    closers.push(() => world.host.stop());
    await world.host.configure({
      "scalekit:environmentUrl": world.emulator.url,
      "scalekit:clientId": world.emulator.clientId,
      "scalekit:clientSecret": secretValue(world.emulator.clientSecret),
    });
    world.deployer = new TenantDeployer(world.host, providers);
  });
  afterAll(async () => {
    for (const close of closers.reverse()) await close();
  });
  return world;
}
