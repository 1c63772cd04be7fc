import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import type { Emulator, McpResource } from "pulumi-scalekit-emulator";
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

/** Registers the MCP server at this URL with Scalekit (an McpServer resource) and gives its resource id. */
export type RegisterMcpServer = (serverUrl: string) => Promise<string>;

/**
 * The sample MCP server (examples/mcp-server) in this process, registered with Scalekit by `register`
 * (the McpServer resource, through the dynamic-provider host): its port is taken first, because the
 * server URL (the tokens' audience) contains it; then it starts with the resource id it was given.
 */
export async function startNotesServer(emulator: Emulator, register: RegisterMcpServer, onLogLine: (line: string) => void = () => {}): Promise<RunningNotesServer> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const close = () => {
    server.closeAllConnections();
    return new Promise<void>((resolve) => server.close(() => resolve()));
  };
  try {
    const resourceId = await register(`${url}/mcp`);
    const config = loadConfig({
      SK_ENV_URL: emulator.url,
      MCP_SERVER_ID: resourceId,
      PUBLIC_URL: url,
      SK_CLIENT_ID: emulator.clientId,
      SK_CLIENT_SECRET: emulator.clientSecret,
    });
    server.on("request", createApp(config, { log: createLogger(onLogLine) }));
    return { url, mcpUrl: new URL(`${url}/mcp`), resource: emulator.mcp.getResource(resourceId)!, close };
  } catch (err) {
    await close();
    throw err;
  }
}
