import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { UnauthorizedError } from "@modelcontextprotocol/sdk/client/auth.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import type { FetchLike } from "@modelcontextprotocol/sdk/shared/transport.js";
import type { HeadlessOAuthProvider } from "./headless-oauth-provider";

/**
 * What an MCP client does against a protected server: connect, get a 401, discover, register, sign
 * the user in (the provider drives the browser), then `finishAuth` with the code on a new transport
 * and connect again. With tokens already saved the first connect simply succeeds.
 */
export async function connectWithSso(serverUrl: URL, provider: HeadlessOAuthProvider, fetch?: FetchLike): Promise<Client> {
  const first = new Client({ name: "headless-sso-client", version: "1.0.0" });
  try {
    await first.connect(new StreamableHTTPClientTransport(serverUrl, { authProvider: provider, fetch }));
    return first;
  } catch (err) {
    await first.close();
    if (!(err instanceof UnauthorizedError)) throw err;
  }
  const transport = new StreamableHTTPClientTransport(serverUrl, { authProvider: provider, fetch });
  await transport.finishAuth(provider.takeAuthorizationCode());
  const client = new Client({ name: "headless-sso-client", version: "1.0.0" });
  await client.connect(transport);
  return client;
}
