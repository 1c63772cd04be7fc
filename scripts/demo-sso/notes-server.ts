import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import type { Emulator, McpResource } from "../../emulator";
import { createApp } from "../../examples/mcp-server/src/app";
import { loadConfig } from "../../examples/mcp-server/src/config";
import { createLogger } from "../../examples/mcp-server/src/log";

export interface RunningNotesServer {
  /** `{url}/mcp` is the protected resource. */
  url: string;
  mcpUrl: URL;
  resource: McpResource;
  close(): Promise<void>;
}

/**
 * The sample MCP server (examples/mcp-server) in this process, registered with the emulator as an
 * MCP resource: its port is taken first, because the resource URL (the tokens' audience) contains it.
 */
export async function startNotesServer(emulator: Emulator, onLogLine: (line: string) => void = () => {}): Promise<RunningNotesServer> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const resource = emulator.mcp.registerResource({ resourceUrl: `${url}/mcp`, displayName: "Notes", scopes: ["notes:read", "notes:write"] });
  const config = loadConfig({
    SK_ENV_URL: emulator.url,
    MCP_SERVER_ID: resource.id,
    PUBLIC_URL: url,
    SK_CLIENT_ID: emulator.clientId,
    SK_CLIENT_SECRET: emulator.clientSecret,
  });
  server.on("request", createApp(config, { log: createLogger(onLogLine) }));
  return {
    url,
    mcpUrl: new URL(`${url}/mcp`),
    resource,
    close: () => {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}
