import * as path from "node:path";
import { ScalekitClient } from "../../api/client";
import { mintPortalLink, PortalLinkRefused } from "../../tenant/portal-link/mint";
import { findPortalLinkTarget } from "../../tenant/portal-link/target";
import type { CommandIo } from "../command-io";
import { openScalekitSession } from "../credentials/open-session";
import { findProjectDir } from "../credentials/project-dir";
import { parsePortalLinkArguments } from "./arguments";

/**
 * `pulumi-scalekit portal-link <tenant>`: mints a link for the IT admin on the phone and prints it;
 * exit 1 when Scalekit (or the organization's settings) refuse it. It writes nothing to any Pulumi
 * state; the `AdminPortalLink` resource is for a link kept in state.
 */
export async function runPortalLinkCommand(argv: readonly string[], io: CommandIo): Promise<number> {
  const args = parsePortalLinkArguments(argv);
  const projectDir = findProjectDir(io.cwd);
  const tenantsFile = args.tenantsFile === undefined ? undefined : path.relative(projectDir, path.resolve(io.cwd, args.tenantsFile));
  const target = findPortalLinkTarget({ projectDir, tenant: args.tenant, tenantsFile });
  const session = await openScalekitSession({ projectDir, stack: args.stack }, io);
  let client: ScalekitClient | undefined;
  try {
    // Inside the try: the local emulator a session may have started stops even if the client cannot be made.
    client = new ScalekitClient(session.settings);
    const link = await mintPortalLink(client, { ...target.organization, features: args.features ?? target.features });
    const seconds = Math.round((Date.parse(link.expireTime) - Date.now()) / 1000);
    io.out(`Admin portal link for tenant ${target.key} (${link.organizationName ?? target.name}, ${link.organizationId}), features: ${link.features.join(", ")}`);
    io.out(link.location);
    io.out(`Single use, valid until ${link.expireTime} (about ${Math.max(seconds, 0)} s from now); opening it starts a 6-hour admin session.`);
    await session.holdLink?.(link);
    return 0;
  } catch (error) {
    if (!(error instanceof PortalLinkRefused)) throw error;
    io.err(`tenant ${target.key}: ${error.message}`);
    return 1;
  } finally {
    await client?.close();
    await session.close();
  }
}
