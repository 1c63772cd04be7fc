import { decodeJwt } from "jose";
import { startOidcIdp, type LocalOidcIdp } from "../../examples/idp/oidc/start-oidc-idp";
import { expectApiError, send } from "../emulator/support";
import {
  authorizeUrl,
  browseToClient,
  pkcePair,
  registerClient,
  REDIRECT_URI,
  startAuthorizationServer,
  tokenRequest,
  type AuthorizationServerFixture,
} from "./support/authorization-server-fixture";

/*
 * The authorization server's own rules, one request at a time: registration, the authorization
 * request, home-realm discovery, the IdP callback and the token endpoint's refusals.
 */
let idp: LocalOidcIdp;
let as: AuthorizationServerFixture;
let expiring: AuthorizationServerFixture;

beforeAll(async () => {
  idp = await startOidcIdp();
  as = await startAuthorizationServer(idp, "hooli.test");
  expiring = await startAuthorizationServer(idp, "hooli.test", { authorizationCodeTtlSeconds: 0 });
});
afterAll(async () => {
  await as?.close();
  await expiring?.close();
  await idp?.close();
});

const get = (url: URL) => fetch(url, { redirect: "manual" });
const redirectParams = (response: Response) => new URL(response.headers.get("location")!).searchParams;

/** Signs user@hooli.test in and exchanges the code; returns the token response and what was sent. */
async function signInAndExchange(fixture: AuthorizationServerFixture, scope = "notes:read notes:write offline_access") {
  const pkce = pkcePair();
  const code = (await browseToClient(authorizeUrl(fixture, pkce, { login_hint: `user@${fixture.domain}`, scope }), `user@${fixture.domain}`)).get("code")!;
  const form = { grant_type: "authorization_code", code, code_verifier: pkce.verifier, redirect_uri: REDIRECT_URI, client_id: fixture.clientId, resource: fixture.resource.resourceUrl };
  return { form, response: await tokenRequest(fixture, form) };
}

describe("dynamic client registration (RFC 7591)", () => {
  it("is advertised in the resource's metadata, in both URL forms", async () => {
    const pathInsert = await send(as.url, "GET", `/.well-known/oauth-authorization-server/resources/${as.resource.id}`);
    const suffix = await send(as.url, "GET", `/resources/${as.resource.id}/.well-known/oauth-authorization-server`);
    expect(suffix.json).toEqual(pathInsert.json);
    expect(pathInsert.json).toMatchObject({
      authorization_endpoint: `${as.url}/oauth/authorize`,
      registration_endpoint: `${as.url}/api/v1/resources/${as.resource.id}/clients:register`,
      grant_types_supported: expect.arrayContaining(["authorization_code", "refresh_token"]),
      token_endpoint_auth_methods_supported: expect.arrayContaining(["none", "client_secret_basic"]),
      code_challenge_methods_supported: ["S256"],
    });
  });

  it("registers a public client at clients:register, without credentials, and echoes its metadata", async () => {
    const res = await registerClient(as.url, as.resource.id, { redirect_uris: ["http://localhost:8976/cb"], token_endpoint_auth_method: "none", client_name: "Inspector", scope: "notes:read", software_id: "inspector" });
    expect(res.status).toBe(201);
    expect(res.json).toEqual({
      client_id: expect.stringMatching(/^m2m_\d{17}$/),
      client_id_issued_at: expect.any(Number),
      redirect_uris: ["http://localhost:8976/cb"],
      grant_types: ["authorization_code", "refresh_token"],
      response_types: ["code"],
      token_endpoint_auth_method: "none",
      scope: "notes:read",
      client_name: "Inspector",
      software_id: "inspector",
    });
  });

  it("allows native-app redirect URIs: a private-use scheme and loopback hosts (RFC 8252)", async () => {
    const uris = ["com.example.notes:/oauth/callback", "cursor://anysphere.cursor-mcp/oauth/callback", "http://127.0.0.1:33418/cb", "http://[::1]:4000/cb", "http://localhost/cb"];
    const res = await registerClient(as.url, as.resource.id, { redirect_uris: uris });
    expect(res.status).toBe(201);
    expect(res.json.redirect_uris).toEqual(uris);
  });

  it.each`
    metadata                                                                     | field                  | reason
    ${{}}                                                                        | ${"redirect_uris"}     | ${/non-empty array/}
    ${{ redirect_uris: ["http://example.com/cb"] }}                              | ${"redirect_uris[0]"}  | ${/https/}
    ${{ redirect_uris: ["https://example.com/cb#frag"] }}                        | ${"redirect_uris[0]"}  | ${/fragment/}
    ${{ redirect_uris: [REDIRECT_URI, "javascript:alert(1)//"] }}                | ${"redirect_uris[1]"}  | ${/javascript: scheme/}
    ${{ redirect_uris: ["vbscript:msgbox(1)"] }}                                 | ${"redirect_uris[0]"}  | ${/vbscript: scheme/}
    ${{ redirect_uris: ["file:///etc/passwd"] }}                                 | ${"redirect_uris[0]"}  | ${/file: scheme/}
    ${{ redirect_uris: ["data:text/html,<script>alert(1)</script>"] }}           | ${"redirect_uris[0]"}  | ${/data: scheme/}
    ${{ redirect_uris: [REDIRECT_URI], grant_types: ["implicit"] }}              | ${"grant_types"}       | ${/grant_types|may only contain/}
    ${{ redirect_uris: [REDIRECT_URI], scope: "notes:read admin" }}              | ${"scope"}             | ${/"admin"/}
  `("refuses $metadata naming $field", async ({ metadata, field, reason }) => {
    const res = await registerClient(as.url, as.resource.id, metadata);
    expectApiError(res, { status: 400, code: 3, errorCode: "INVALID_ARGUMENT", field });
    expect(res.json.message).toMatch(reason);
  });

  it("registers a client asking for a secret as a public client; the token endpoint refuses any secret", async () => {
    const registered = (await registerClient(as.url, as.resource.id, { redirect_uris: [REDIRECT_URI], token_endpoint_auth_method: "client_secret_basic" })).json;
    expect(registered).toMatchObject({ token_endpoint_auth_method: "none" });
    expect(registered).not.toHaveProperty("client_secret");
    const fixture = { ...as, clientId: registered.client_id };
    const pkce = pkcePair();
    const code = (await browseToClient(authorizeUrl(fixture, pkce, { login_hint: "user@hooli.test" }), "user@hooli.test")).get("code")!;
    const form = { grant_type: "authorization_code", code, code_verifier: pkce.verifier, redirect_uri: REDIRECT_URI };
    const basic = { authorization: `Basic ${Buffer.from(`${registered.client_id}:anything`).toString("base64")}` };
    const withSecret = await tokenRequest(fixture, form, basic);
    expect({ status: withSecret.status, error: withSecret.json.error }).toEqual({ status: 401, error: "invalid_client" });
    // A refused client authentication does not spend the code.
    const right = await tokenRequest(fixture, { ...form, client_id: registered.client_id });
    expect(right.status).toBe(200);
    // No offline_access asked for: no refresh token.
    expect(right.json).not.toHaveProperty("refresh_token");
  });

  it("refuses registration for a server that turned dynamic client registration off", async () => {
    const closed = as.session.emulator.mcp.registerResource({ resourceUrl: "http://127.0.0.1:3/mcp", scopes: ["notes:read"], disableDynamicClientRegistration: true });
    const res = await registerClient(as.url, closed.id, { redirect_uris: [REDIRECT_URI] });
    expectApiError(res, { status: 400, code: 9, errorCode: "FAILED_PRECONDITION" });
  });
});

describe("the authorization request", () => {
  it("answers an unknown client or an unregistered redirect URI with a 400 page, never a redirect", async () => {
    const pkce = pkcePair();
    for (const url of [authorizeUrl(as, pkce, { client_id: "skc_404" }), authorizeUrl(as, pkce, { redirect_uri: "http://127.0.0.1:53682/elsewhere" })]) {
      const res = await get(url);
      expect(res.status).toBe(400);
      expect(res.headers.get("location")).toBeNull();
      expect(res.headers.get("content-type")).toMatch(/text\/html/);
    }
  });

  it.each`
    params                                            | error                          | reason
    ${{ code_challenge: undefined }}                  | ${"invalid_request"}           | ${/PKCE is required/}
    ${{ code_challenge_method: "plain" }}             | ${"invalid_request"}           | ${/S256/}
    ${{ response_type: "token" }}                     | ${"unsupported_response_type"} | ${/code/}
    ${{ resource: "http://127.0.0.1:2/other" }}       | ${"invalid_target"}            | ${/resource must be/}
    ${{ scope: "notes:read admin" }}                  | ${"invalid_scope"}             | ${/"admin"/}
  `("sends $error back to the client for $params", async ({ params, error, reason }) => {
    const res = await get(authorizeUrl(as, pkcePair(), params));
    expect(res.status).toBe(302);
    const back = redirectParams(res);
    expect(Object.fromEntries(back)).toEqual({ error, error_description: expect.stringMatching(reason), state: "client-state" });
  });

  it("asks for the work email when there is no login_hint, and asks again for something that is not one", async () => {
    const page = await (await get(authorizeUrl(as, pkcePair()))).text();
    const login = /name="login" value="([^"]+)"/.exec(page)![1];
    const again = await fetch(`${as.url}/oauth/authorize/email`, { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" }, body: new URLSearchParams({ login, email: "not-an-email" }) });
    expect(again.status).toBe(200);
    expect(await again.text()).toContain("not-an-email is not an email address");
    const unknown = await fetch(`${as.url}/oauth/authorize/email`, { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" }, body: new URLSearchParams({ login: "forged", email: "user@hooli.test" }) });
    expect(unknown.status).toBe(400);
  });
});

describe("home-realm discovery", () => {
  it("only routes ORGANIZATION_DOMAIN domains of organizations with an enabled, completed connection", async () => {
    const org = (await as.session.call("POST", "/api/v1/organizations", { display_name: "Pied Piper" })).json.organization.id;
    await as.session.call("POST", `/api/v1/organizations/${org}/domains`, { domain: "piedpiper.test", domain_type: "ORGANIZATION_DOMAIN" });
    await as.session.call("POST", `/api/v1/organizations/${org}/domains`, { domain: "piedpiper-mail.test", domain_type: "ALLOWED_EMAIL_DOMAIN" });
    const refusal = async (email: string) => Object.fromEntries(redirectParams(await get(authorizeUrl(as, pkcePair(), { login_hint: email }))));

    expect(await refusal("richard@piedpiper-mail.test")).toMatchObject({ error: "access_denied", error_description: expect.stringMatching(/no organization signs in with SSO for the domain piedpiper-mail\.test/) });
    expect(await refusal("richard@piedpiper.test")).toMatchObject({ error: "access_denied", error_description: expect.stringMatching(/has no SSO connection/) });
    await as.session.call("POST", `/api/v1/organizations/${org}/connections`, { provider: "OKTA", type: "OIDC" });
    expect(await refusal("richard@piedpiper.test")).toMatchObject({ error: "access_denied", error_description: expect.stringMatching(/disabled/) });
  });
});

describe("a connection whose IdP cannot be used", () => {
  async function organizationWithOidcIssuer(name: string, issuer: string): Promise<string> {
    const org = (await as.session.call("POST", "/api/v1/organizations", { display_name: name })).json.organization.id;
    const domain = `${name.toLowerCase()}.test`;
    await as.session.call("POST", `/api/v1/organizations/${org}/domains`, { domain, domain_type: "ORGANIZATION_DOMAIN" });
    const connection = (await as.session.call("POST", `/api/v1/organizations/${org}/connections`, { provider: "OKTA", type: "OIDC" })).json.connection;
    await as.session.call("PATCH", `/api/v1/organizations/${org}/connections/${connection.id}`, { oidc_config: { issuer, client_id: "c", client_secret: "s" } });
    await as.session.call("PATCH", `/api/v1/organizations/${org}/connections/${connection.id}:enable`);
    return domain;
  }
  const refusal = async (email: string) => Object.fromEntries(redirectParams(await get(authorizeUrl(as, pkcePair(), { login_hint: email }))));

  it("sends temporarily_unavailable when the IdP cannot be reached", async () => {
    const domain = await organizationWithOidcIssuer("Unreachable", "http://127.0.0.1:1");
    expect(await refusal(`user@${domain}`)).toMatchObject({ error: "temporarily_unavailable", error_description: expect.stringMatching(/could not be reached/), state: "client-state" });
  });

  it("sends server_error when the IdP's discovery document names another issuer", async () => {
    const domain = await organizationWithOidcIssuer("Mismatched", `${idp.issuer}/`);
    expect(await refusal(`user@${domain}`)).toMatchObject({ error: "server_error", error_description: expect.stringMatching(/names the issuer .*, not the configured/) });
  });
});

describe("the connection's callback", () => {
  it("answers a callback of an unknown sign-in with a 400 page", async () => {
    const res = await get(new URL(`${as.url}/sso/v1/oidc/conn_1/callback?code=x&state=unknown`));
    expect(res.status).toBe(400);
    expect(res.headers.get("location")).toBeNull();
  });

  it("passes the IdP's error back to the client with the client's state", async () => {
    const toIdp = await get(authorizeUrl(as, pkcePair(), { login_hint: "user@hooli.test" }));
    const idpRequest = redirectParams(toIdp);
    const callback = new URL(idpRequest.get("redirect_uri")!);
    callback.search = new URLSearchParams({ error: "access_denied", error_description: "End-User aborted interaction", state: idpRequest.get("state")! }).toString();
    expect(Object.fromEntries(redirectParams(await get(callback)))).toEqual({
      error: "access_denied",
      error_description: "the identity provider answered access_denied: End-User aborted interaction",
      state: "client-state",
    });
    // The sign-in is over: the same answer again has nothing to belong to.
    expect((await get(callback)).status).toBe(400);
  });
});

describe("the token endpoint", () => {
  it("exchanges a code once; a second use is refused and revokes the tokens issued for it", async () => {
    const { form, response } = await signInAndExchange(as);
    expect(response.status).toBe(200);
    expect(decodeJwt(response.json.access_token)).toMatchObject({ oid: as.organizationId, email: "user@hooli.test", aud: [as.resource.resourceUrl, as.resource.id] });

    const reuse = await tokenRequest(as, form);
    expect(reuse.json).toEqual({ error: "invalid_grant", error_description: expect.stringMatching(/already used/) });
    const refresh = await tokenRequest(as, { grant_type: "refresh_token", refresh_token: response.json.refresh_token, client_id: as.clientId });
    expect(refresh.json).toEqual({ error: "invalid_grant", error_description: "the refresh token was revoked" });
  });

  it.each`
    change                                               | error                | reason
    ${{ redirect_uri: "http://127.0.0.1:53682/other" }}  | ${"invalid_grant"}   | ${/redirect_uri differs/}
    ${{ code_verifier: "b".repeat(43) }}                 | ${"invalid_grant"}   | ${/code_verifier does not match/}
    ${{ code_verifier: "short" }}                        | ${"invalid_grant"}   | ${/43-128/}
    ${{ resource: "http://127.0.0.1:2/other" }}          | ${"invalid_target"}  | ${/resource must be/}
    ${{ code_verifier: undefined }}                      | ${"invalid_request"} | ${/code_verifier is required/}
  `("refuses a code exchange with $change: $error", async ({ change, error, reason }) => {
    const pkce = pkcePair();
    const code = (await browseToClient(authorizeUrl(as, pkce, { login_hint: "user@hooli.test" }), "user@hooli.test")).get("code")!;
    const form: Record<string, string | undefined> = { grant_type: "authorization_code", code, code_verifier: pkce.verifier, redirect_uri: REDIRECT_URI, client_id: as.clientId, ...change };
    const res = await tokenRequest(as, Object.fromEntries(Object.entries(form).filter(([, value]) => value !== undefined)) as Record<string, string>);
    expect(res.status).toBe(400);
    expect(res.json).toEqual({ error, error_description: expect.stringMatching(reason) });
  });

  it("refuses an expired code", async () => {
    const { response } = await signInAndExchange(expiring);
    expect(response.json).toEqual({ error: "invalid_grant", error_description: "the authorization code expired" });
  });
});

describe("refresh tokens", () => {
  const refreshWith = (token: string, extra: Record<string, string> = {}) => tokenRequest(as, { grant_type: "refresh_token", refresh_token: token, client_id: as.clientId, ...extra });

  it("are issued only when the client asks for offline_access", async () => {
    const online = (await signInAndExchange(as, "notes:read")).response.json;
    expect(online).toMatchObject({ scope: "notes:read" });
    expect(online).not.toHaveProperty("refresh_token");
    const offline = (await signInAndExchange(as, "notes:read offline_access")).response.json;
    expect(offline).toMatchObject({ scope: "notes:read offline_access", refresh_token: expect.stringMatching(/^rt_/) });
    expect(decodeJwt(offline.access_token).scopes).toEqual(["notes:read"]);
  });

  it.each`
    refusal                                                  | extra                                          | error
    ${"a scope wider than the session's"}                    | ${{ scope: "notes:read notes:admin" }}         | ${"invalid_scope"}
    ${"another resource"}                                    | ${{ resource: "http://127.0.0.1:2/other" }}    | ${"invalid_target"}
    ${"a client secret from a public client"}                | ${{ client_secret: "guess" }}                  | ${"invalid_client"}
  `("refused for $refusal, leave the caller's refresh token usable", async ({ extra, error }) => {
    const { refresh_token: token } = (await signInAndExchange(as, "notes:read offline_access")).response.json;
    expect((await refreshWith(token, extra)).json.error).toBe(error);
    const accepted = await refreshWith(token);
    expect(accepted.status).toBe(200);
    expect(accepted.json.refresh_token).not.toBe(token);
  });

  it("presented twice at the same moment, rotate once: one answer gets tokens, the other is refused", async () => {
    const { refresh_token: token } = (await signInAndExchange(as, "notes:read offline_access")).response.json;
    const answers = await Promise.all([refreshWith(token), refreshWith(token), refreshWith(token)]);
    expect(answers.filter((answer) => answer.status === 200)).toHaveLength(1);
    expect(answers.filter((answer) => answer.json.error === "invalid_grant")).toHaveLength(2);
  });
});
