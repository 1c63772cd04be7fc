import { parseArgs } from "node:util";
import type { Protocol } from "./demo-idp";

export interface DemoArguments {
  protocol: Protocol;
  email: string;
  /** Your own MCP server's endpoint, instead of the sample server. */
  mcpServer?: URL;
  /** The scopes your server advertises (its protected resource metadata's scopes_supported). */
  scopes: string[];
  /** A tool of your server to call after listing them. */
  tool?: string;
  /** Default: any free port; 8080 with --mcp-server, so the URL your server is configured with stays the same. */
  emulatorPort: number;
}

export const USAGE = `usage: npm run demo:sso [-- options]
  --protocol oidc|saml      the customer's IdP (default oidc)
  --email user@acme.test    who signs in (default someone@acme.test)
  --mcp-server URL          use your MCP server (its /mcp endpoint URL) instead of the sample one
  --scopes a,b              the scopes your server advertises (with --mcp-server)
  --tool NAME               a tool of your server to call without arguments (with --mcp-server)
  --emulator-port N         where the emulator listens (default 8080 with --mcp-server, else any)
`;

export class UsageError extends Error {}

export function parseDemoArguments(argv: string[]): DemoArguments {
  const { values } = parseArgs({
    args: argv,
    strict: true,
    options: {
      protocol: { type: "string" },
      email: { type: "string" },
      "mcp-server": { type: "string" },
      scopes: { type: "string" },
      tool: { type: "string" },
      "emulator-port": { type: "string" },
      help: { type: "boolean" },
    },
  });
  if (values.help) throw new UsageError("");
  const protocol = values.protocol ?? "oidc";
  if (protocol !== "oidc" && protocol !== "saml") throw new UsageError(`--protocol must be oidc or saml, not ${protocol}`);
  const email = values.email ?? "someone@acme.test";
  if (!/^[^\s@]+@acme\.test$/.test(email)) throw new UsageError("--email must be an address at acme.test, the tenant's domain");
  const mcpServer = values["mcp-server"] === undefined ? undefined : parseUrl(values["mcp-server"]);
  if (!mcpServer && (values.scopes !== undefined || values.tool !== undefined)) throw new UsageError("--scopes and --tool go with --mcp-server");
  const port = Number(values["emulator-port"] ?? (mcpServer ? 8080 : 0));
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError("--emulator-port must be a port number");
  const scopes = (values.scopes ?? "").split(",").map((scope) => scope.trim()).filter(Boolean);
  return { protocol, email, mcpServer, scopes, tool: values.tool, emulatorPort: port };
}

function parseUrl(text: string): URL {
  try {
    const url = new URL(text);
    if (url.protocol === "http:" || url.protocol === "https:") return url;
  } catch {
    // reported below
  }
  throw new UsageError(`--mcp-server must be an http(s) URL, not ${text}`);
}
