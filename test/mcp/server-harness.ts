import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import { startEmulator, type Emulator, type McpResource } from "../../emulator";
import { createApp } from "../../examples/mcp-server/src/app";
import { loadConfig } from "../../examples/mcp-server/src/config";
import { createLogger } from "../../examples/mcp-server/src/log";
import { fetchToken, send } from "../emulator/support";

export interface Harness {
  emulator: Emulator;
  /** The emulator's SQLite file: a second emulator on it shares keys and records under another URL. */
  dataFile: string;
  serverUrl: string;
  resource: McpResource;
  organizations: { acme: string; globex: string };
  logLines: string[];
  /** Every HTTP response the MCP client saw, newest last. */
  responses: { status: number; wwwAuthenticate: string | null }[];
  connect(token?: string): Promise<Client>;
  close(): Promise<void>;
}

/**
 * The example server in-process against an emulator: the port is taken first, because the resource
 * URL registered with the emulator (and so the tokens' audience) contains it.
 */
export async function startHarness(extraEnv: (organizations: Harness["organizations"]) => NodeJS.ProcessEnv = () => ({})): Promise<Harness> {
  const dir = mkdtempSync(join(tmpdir(), "scalekit-mcp-server-"));
  const dataFile = join(dir, "env.db");
  const emulator = await startEmulator({ seed: 11, dataFile });
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const serverUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const managementToken = await fetchToken(emulator);
  const createOrganization = async (name: string) =>
    (await send(emulator.url, "POST", "/api/v1/organizations", { display_name: name }, { authorization: `Bearer ${managementToken}` })).json.organization.id as string;
  const organizations = { acme: await createOrganization("Acme Corp"), globex: await createOrganization("Globex") };
  const resource = emulator.mcp.registerResource({ resourceUrl: `${serverUrl}/mcp`, displayName: "Notes", scopes: ["notes:read", "notes:write"] });

  const config = loadConfig({
    SK_ENV_URL: emulator.url,
    MCP_SERVER_ID: resource.id,
    PUBLIC_URL: serverUrl,
    SK_CLIENT_ID: emulator.clientId,
    SK_CLIENT_SECRET: emulator.clientSecret,
    // Tests rotate keys within seconds of the first JWKS fetch; production keeps jose's 30 s.
    JWKS_COOLDOWN_SECONDS: "0",
    ...extraEnv(organizations),
  });
  const logLines: string[] = [];
  server.on("request", createApp(config, { log: createLogger((line) => logLines.push(line)) }));

  const responses: Harness["responses"] = [];
  const recordingFetch = async (input: string | URL, init?: RequestInit) => {
    const response = await fetch(input, init);
    responses.push({ status: response.status, wwwAuthenticate: response.headers.get("www-authenticate") });
    return response;
  };
  const clients: Client[] = [];

  return {
    emulator,
    dataFile,
    serverUrl,
    resource,
    organizations,
    logLines,
    responses,
    async connect(token) {
      const transport = new StreamableHTTPClientTransport(new URL(`${serverUrl}/mcp`), {
        requestInit: token === undefined ? undefined : { headers: { Authorization: `Bearer ${token}` } },
        fetch: recordingFetch,
      });
      const client = new Client({ name: "harness", version: "1.0.0" });
      clients.push(client);
      await client.connect(transport);
      return client;
    },
    async close() {
      await Promise.all(clients.map((client) => client.close()));
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      await emulator.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
