import type { McpResource } from "pulumi-scalekit-emulator";

const POLL_MS = 1_000;
const GIVE_UP_MS = 10 * 60_000;

/**
 * Waits until your MCP server's protected resource metadata names the emulator's authorization
 * server for the registered resource, i.e. until it runs with the printed configuration.
 */
export async function waitForOwnServer(mcpUrl: URL, resource: McpResource, cancelled: AbortSignal): Promise<void> {
  const candidates = [`${mcpUrl.origin}/.well-known/oauth-protected-resource${mcpUrl.pathname === "/" ? "" : mcpUrl.pathname}`, `${mcpUrl.origin}/.well-known/oauth-protected-resource`];
  const deadline = Date.now() + GIVE_UP_MS;
  while (Date.now() < deadline) {
    for (const url of candidates) {
      const metadata = await fetch(url, { signal: AbortSignal.any([cancelled, AbortSignal.timeout(2_000)]) }).then(
        (response) => (response.ok ? (response.json() as Promise<{ authorization_servers?: unknown }>) : undefined),
        () => undefined,
      );
      if (Array.isArray(metadata?.authorization_servers) && metadata.authorization_servers.includes(resource.authorizationServer)) return;
    }
    if (cancelled.aborted) throw new Error("cancelled");
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
  throw new Error(`${mcpUrl.origin} did not list ${resource.authorizationServer} in its protected resource metadata within ${GIVE_UP_MS / 60_000} minutes`);
}
