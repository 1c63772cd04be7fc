import { ScalekitClient } from "../../provider/api/client";
import { resolveClientSettings, type ConfigLookup } from "../../provider/core/settings";
import { findPortalLinkTarget, mintPortalLink, PortalLinkRefused } from "../../provider";
import { parsePortalLinkArguments } from "./arguments";

export interface PortalLinkCommandIo {
  /** The project directory the tenants files are read from. */
  cwd: string;
  env: NodeJS.ProcessEnv;
  /**
   * Where credentials come from before the SCALEKIT_* environment variables, by full config key
   * (e.g. "scalekit:clientId"); nothing by default.
   */
  lookup?: ConfigLookup;
  out(line: string): void;
  err(line: string): void;
}

/**
 * `npm run portal-link -- <tenant>`: mints a link for the IT admin on the phone and prints it. It
 * writes nothing to any Pulumi state; the `AdminPortalLink` resource is for a link kept in state.
 */
export async function runPortalLinkCommand(argv: readonly string[], io: PortalLinkCommandIo): Promise<number> {
  const args = parsePortalLinkArguments(argv);
  const target = findPortalLinkTarget({ projectDir: io.cwd, tenant: args.tenant, tenantsFile: args.tenantsFile });
  const client = new ScalekitClient(resolveClientSettings(io.lookup ?? (() => undefined), io.env));
  try {
    const link = await mintPortalLink(client, { ...target.organization, features: args.features ?? target.features });
    const seconds = Math.round((Date.parse(link.expireTime) - Date.now()) / 1000);
    io.out(`Admin portal link for tenant ${target.key} (${link.organizationName ?? target.name}, ${link.organizationId}), features: ${link.features.join(", ")}`);
    io.out(link.location);
    io.out(`Single use, valid until ${link.expireTime} (about ${Math.max(seconds, 0)} s from now); opening it starts a 6-hour admin session.`);
    return 0;
  } catch (error) {
    if (!(error instanceof PortalLinkRefused)) throw error;
    io.err(`tenant ${target.key}: ${error.message}`);
    return 1;
  } finally {
    await client.close();
  }
}
