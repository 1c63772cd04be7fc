import type { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { HeadlessBrowser, type BrowserHop } from "../../../scripts/demo-sso/browser/headless-browser";
import type { HtmlForm } from "../../../scripts/demo-sso/browser/html-form";
import { connectWithSso } from "../../../scripts/demo-sso/connect-with-sso";
import { HeadlessOAuthProvider } from "../../../scripts/demo-sso/headless-oauth-provider";

export const REDIRECT_URL = "http://127.0.0.1:53682/callback";

export interface SignInOptions {
  /** Sent as login_hint; without it the browser types the email on the emulator's page. */
  loginHint?: boolean;
  beforeSubmit?: (form: HtmlForm) => void;
  /** A provider class to use instead (a test overriding one of its methods). */
  providerClass?: typeof HeadlessOAuthProvider;
}

export interface SignInAttempt {
  provider: HeadlessOAuthProvider;
  hops: BrowserHop[];
  /** Every response of the authorization server's token endpoint the SDK got, as JSON. */
  tokenResponses: Array<{ status: number; body: Record<string, unknown> }>;
  connect(): Promise<Client>;
}

/** An MCP client about to sign `email` in to `mcpUrl`, with a headless browser that types the email and any password. */
export function signInAs(email: string, mcpUrl: URL, options: SignInOptions = {}): SignInAttempt {
  const hops: BrowserHop[] = [];
  const browser = new HeadlessBrowser({ answers: { email, login: email, password: "correct horse" }, onHop: (hop) => hops.push(hop), beforeSubmit: options.beforeSubmit });
  const Provider = options.providerClass ?? HeadlessOAuthProvider;
  const provider = new Provider({ browser, redirectUrl: REDIRECT_URL, loginHint: options.loginHint ? email : undefined });
  const tokenResponses: SignInAttempt["tokenResponses"] = [];
  const recordingFetch = async (input: string | URL, init?: RequestInit) => {
    const response = await fetch(input, init);
    if (new URL(String(input)).pathname === "/oauth/token") tokenResponses.push({ status: response.status, body: await response.clone().json() });
    return response;
  };
  return { provider, hops, tokenResponses, connect: () => connectWithSso(mcpUrl, provider, recordingFetch) };
}

/** The structured result of a tool call. */
export async function callTool(client: Client, name: string, args: Record<string, unknown> = {}): Promise<any> {
  const result = (await client.callTool({ name, arguments: args })) as { structuredContent?: unknown; isError?: boolean; content?: unknown };
  if (result.isError) throw new Error(`tool ${name} failed: ${JSON.stringify(result.content)}`);
  return result.structuredContent;
}

/** "METHOD path status" of each browser hop, the origin replaced by a name. */
export function hopSummary(hops: BrowserHop[], origins: Record<string, string>): string[] {
  return hops.map((hop) => `${hop.method} ${origins[hop.url.origin] ?? hop.url.origin}${hop.url.pathname} ${hop.status}`);
}

/**
 * The browser's hops of a sign-in that federates to an OIDC IdP (oidc-provider's interaction pages), as
 * hopSummary names them: Scalekit's authorize and home-realm discovery, the IdP's login, the callback
 * of `connection` (any connection when not given).
 */
export function oidcSignInHops(connection?: string): unknown[] {
  return [
    "GET scalekit/oauth/authorize 200",
    "POST scalekit/oauth/authorize/email 302",
    "GET idp/auth 303",
    expect.stringMatching(/^GET idp\/interaction\/[\w-]+ 200$/),
    expect.stringMatching(/^POST idp\/interaction\/[\w-]+ 303$/),
    expect.stringMatching(/^GET idp\/auth\/[\w-]+ 303$/),
    connection ? `GET scalekit/sso/v1/oidc/${connection}/callback 302` : expect.stringMatching(/^GET scalekit\/sso\/v1\/oidc\/conn_\d+\/callback 302$/),
  ];
}
