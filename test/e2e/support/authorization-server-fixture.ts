import { createHash, randomBytes } from "node:crypto";
import type { EmulatorOptions, McpResource } from "../../../emulator";
import type { LocalOidcIdp } from "../../../examples/idp/oidc/start-oidc-idp";
import { HeadlessBrowser } from "../../../scripts/demo-sso/browser/headless-browser";
import { createOrganization, send, startSession, type ApiResponse, type Session } from "../../emulator/support";

export const REDIRECT_URI = "http://127.0.0.1:53682/callback";

/**
 * The authorization server without the provider or an MCP server: an emulator whose management API
 * (called directly) holds one organization with an ORGANIZATION_DOMAIN and an enabled OIDC
 * connection to `idp`, an MCP resource, and a public client registered for it.
 */
export interface AuthorizationServerFixture {
  session: Session;
  url: string;
  resource: McpResource;
  clientId: string;
  organizationId: string;
  domain: string;
  /** Management API path of the organization's connections. */
  connectionsPath: string;
  close(): Promise<void>;
}

export async function startAuthorizationServer(idp: LocalOidcIdp, domain: string, options: EmulatorOptions = {}): Promise<AuthorizationServerFixture> {
  const session = await startSession({ seed: 31, ...options });
  try {
    const url = session.emulator.url;
    const resource = session.emulator.mcp.registerResource({ resourceUrl: "http://127.0.0.1:1/mcp", scopes: ["notes:read", "notes:write"] });
    const organizationId = (await createOrganization(session, { display_name: "Hooli" })).id as string;
    await expectOk(session.call("POST", `/api/v1/organizations/${organizationId}/domains`, { domain, domain_type: "ORGANIZATION_DOMAIN" }));
    const connectionsPath = `/api/v1/organizations/${organizationId}/connections`;
    const connection = (await expectOk(session.call("POST", connectionsPath, { provider: "OKTA", type: "OIDC" }))).json.connection;
    // Seeded emulators repeat connection ids; the IdP serves several of them.
    const idpClientId = `${new URL(url).port}-${connection.id}`;
    const clientSecret = `secret-of-${idpClientId}`;
    const configured = await expectOk(session.call("PATCH", `${connectionsPath}/${connection.id}`, { oidc_config: { issuer: idp.issuer, client_id: idpClientId, client_secret: clientSecret } }));
    await expectOk(session.call("PATCH", `${connectionsPath}/${connection.id}:enable`));
    await idp.registerClient({ clientId: idpClientId, clientSecret, redirectUris: [configured.json.connection.oidc_config.redirect_uri] });
    const client = await registerClient(url, resource.id, { redirect_uris: [REDIRECT_URI], token_endpoint_auth_method: "none", grant_types: ["authorization_code", "refresh_token"] });
    return { session, url, resource, clientId: client.json.client_id, organizationId, domain, connectionsPath, close: () => session.emulator.close() };
  } catch (err) {
    await session.emulator.close();
    throw err;
  }
}

/** Dynamic client registration, as an MCP client does it: no credentials. */
export function registerClient(url: string, resourceId: string, metadata: unknown): Promise<ApiResponse> {
  return send(url, "POST", `/api/v1/resources/${resourceId}/clients:register`, metadata);
}

export interface Pkce {
  verifier: string;
  challenge: string;
}

export function pkcePair(): Pkce {
  const verifier = randomBytes(32).toString("base64url");
  return { verifier, challenge: createHash("sha256").update(verifier).digest("base64url") };
}

/** An authorization URL for the fixture's client; `params` override or (undefined) remove parameters. */
export function authorizeUrl(fixture: AuthorizationServerFixture, pkce: Pkce, params: Record<string, string | undefined> = {}): URL {
  const url = new URL(`${fixture.url}/oauth/authorize`);
  const all: Record<string, string | undefined> = {
    response_type: "code",
    client_id: fixture.clientId,
    redirect_uri: REDIRECT_URI,
    code_challenge: pkce.challenge,
    code_challenge_method: "S256",
    state: "client-state",
    resource: fixture.resource.resourceUrl,
    ...params,
  };
  for (const [name, value] of Object.entries(all)) if (value !== undefined) url.searchParams.set(name, value);
  return url;
}

/** Drives a browser from `start` until it is sent back to the client; returns that redirect's parameters. */
export async function browseToClient(start: URL, email: string): Promise<URLSearchParams> {
  const browser = new HeadlessBrowser({ answers: { email, login: email, password: "any" } });
  return (await browser.navigate(start, (url) => url.href.startsWith(REDIRECT_URI))).searchParams;
}

export function tokenRequest(fixture: AuthorizationServerFixture, form: Record<string, string>, headers: Record<string, string> = {}): Promise<ApiResponse> {
  return send(fixture.url, "POST", "/oauth/token", new URLSearchParams(form).toString(), { "content-type": "application/x-www-form-urlencoded", ...headers });
}

async function expectOk(pending: Promise<ApiResponse>): Promise<ApiResponse> {
  const res = await pending;
  if (res.status >= 300) throw new Error(`management API call failed: ${res.status} ${res.text}`);
  return res;
}
