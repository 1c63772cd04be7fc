import { SignJWT, decodeProtectedHeader, generateKeyPair } from "jose";
import { startEmulator, type McpTokenInput } from "../../emulator";
import { postForm } from "../emulator/support";
import { startHarness, type Harness } from "./server-harness";

let h: Harness;
const tokensSeen: string[] = [];
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h?.close());

/** A user token as an interactive Scalekit login would give (sub usr_…, email, oid, scopes). */
async function userToken(options: Partial<Pick<McpTokenInput, "organizationId" | "scopes" | "email" | "expiresInSeconds" | "claimStyle" | "issuerForm">> = {}): Promise<string> {
  const { accessToken } = await h.emulator.mcp.issueToken({
    resourceId: h.resource.id,
    organizationId: h.organizations.acme,
    email: "alice@acme.test",
    ...options,
  });
  tokensSeen.push(accessToken);
  return accessToken;
}

const structured = (result: unknown) => (result as { structuredContent: any }).structuredContent;
const lastResponse = () => h.responses[h.responses.length - 1];
const metadataUrl = () => `${h.serverUrl}/.well-known/oauth-protected-resource`;

describe("with a valid token", () => {
  it("lists the tools and whoami shows the user, the organization and the scopes", async () => {
    const client = await h.connect(await userToken());
    const { tools } = await client.listTools();
    expect(tools.map((tool) => tool.name).sort()).toEqual(["add_note", "list_notes", "whoami"]);
    const me = structured(await client.callTool({ name: "whoami", arguments: {} }));
    expect(me).toEqual({
      subject: expect.stringMatching(/^usr_/),
      organizationId: h.organizations.acme,
      organizationName: "Acme Corp",
      email: "alice@acme.test",
      scopes: ["notes:read", "notes:write"],
      expiresAt: expect.any(String),
    });
  });

  it.each`
    issuerForm       | claimStyle        | claims
    ${"environment"} | ${"sdk"}          | ${"iss = {env}, scopes array, oid"}
    ${"resource"}    | ${"sdk"}          | ${"iss = {env}/resources/{res}, scopes array, oid"}
    ${"environment"} | ${"integrations"} | ${"iss = {env}, space-separated scope, org_id"}
    ${"resource"}    | ${"integrations"} | ${"iss = {env}/resources/{res}, space-separated scope, org_id"}
  `("accepts a token with $claims", async ({ issuerForm, claimStyle }) => {
    const token = await userToken({ issuerForm, claimStyle, scopes: ["notes:read"] });
    const client = await h.connect(token);
    expect(structured(await client.callTool({ name: "whoami", arguments: {} }))).toMatchObject({ organizationId: h.organizations.acme, scopes: ["notes:read"] });
    expect(structured(await client.callTool({ name: "list_notes", arguments: {} }))).toMatchObject({ organizationId: h.organizations.acme });
    await expect(client.callTool({ name: "add_note", arguments: { text: "x" } })).rejects.toMatchObject({ code: 403 });
  });

  it("round-trips notes within an organization and keeps them from other organizations", async () => {
    const writer = await h.connect(await userToken({ scopes: ["notes:write"] }));
    const added = structured(await writer.callTool({ name: "add_note", arguments: { text: "Rotate the SAML cert in May" } }));
    expect(added).toMatchObject({ organizationId: h.organizations.acme, note: { text: "Rotate the SAML cert in May", author: "alice@acme.test" } });

    const reader = await h.connect(await userToken({ scopes: ["notes:read"], email: "bob@acme.test" }));
    const listed = structured(await reader.callTool({ name: "list_notes", arguments: {} }));
    expect(listed.notes).toContainEqual(added.note);

    const outsider = await h.connect(await userToken({ organizationId: h.organizations.globex, scopes: ["notes:read"], email: "eve@globex.test" }));
    expect(structured(await outsider.callTool({ name: "list_notes", arguments: {} }))).toEqual({ organizationId: h.organizations.globex, notes: [] });
  });

  it("accepts a machine-to-machine token from client credentials of a client bound to the organization", async () => {
    const m2m = h.emulator.mcp.createClient({ resourceId: h.resource.id, organizationId: h.organizations.globex, scopes: ["notes:read"] });
    const res = await postForm(h.emulator.url, { grant_type: "client_credentials", client_id: m2m.clientId, client_secret: m2m.clientSecret });
    tokensSeen.push(res.json.access_token);
    const client = await h.connect(res.json.access_token);
    const me = structured(await client.callTool({ name: "whoami", arguments: {} }));
    expect(me).toMatchObject({ subject: m2m.clientId, clientId: m2m.clientId, organizationId: h.organizations.globex, organizationName: "Globex", scopes: ["notes:read"] });
    expect(me).not.toHaveProperty("email");
  });

  it("answers 405 to GET /mcp: the server is stateless and has no SSE stream", async () => {
    const res = await fetch(`${h.serverUrl}/mcp`, { headers: { authorization: `Bearer ${await userToken()}`, accept: "text/event-stream" } });
    expect(res.status).toBe(405);
  });
});

describe("refusals", () => {
  it("answers 401 with the resource_metadata challenge when there is no token", async () => {
    await expect(h.connect()).rejects.toMatchObject({ code: 401 });
    expect(lastResponse()).toEqual({ status: 401, wwwAuthenticate: `Bearer realm="OAuth", resource_metadata="${metadataUrl()}"` });
  });

  const foreignKeyToken = async () => {
    const jwks = await (await fetch(`${h.emulator.url}/keys`)).json();
    const { privateKey } = await generateKeyPair("RS256");
    return new SignJWT({ oid: h.organizations.acme, scopes: ["notes:read"], aud: [h.resource.resourceUrl, h.resource.id] })
      .setProtectedHeader({ alg: "RS256", kid: jwks.keys[0].kid, typ: "JWT" })
      .setIssuer(h.emulator.url)
      .setSubject("usr_forger")
      .setIssuedAt()
      .setExpirationTime("5m")
      .sign(privateKey);
  };
  const base64url = (value: object) => Buffer.from(JSON.stringify(value)).toString("base64url");
  const claimsOf = async () => JSON.parse(Buffer.from((await userToken()).split(".")[1], "base64url").toString());

  it.each<[string, () => Promise<string>, RegExp]>([
    // Each case is refused for its own reason (jose's message, inner quotes dropped).
    ["an expired token", () => userToken({ expiresInSeconds: -120 }), /expired/],
    [
      "a token from another issuer (same keys, other URL)",
      async () => {
        const impostor = await startEmulator({ dataFile: h.dataFile });
        try {
          return (await impostor.mcp.issueToken({ resourceId: h.resource.id, organizationId: h.organizations.acme })).accessToken;
        } finally {
          await impostor.close();
        }
      },
      /\biss\b/,
    ],
    [
      "a token for another resource",
      async () => {
        const other = h.emulator.mcp.registerResource({ resourceUrl: "https://other.example.test/mcp", scopes: ["notes:read"] });
        return (await h.emulator.mcp.issueToken({ resourceId: other.id, organizationId: h.organizations.acme })).accessToken;
      },
      /\baud\b/,
    ],
    ["a token signed by a key the emulator doesn't know, under its kid", foreignKeyToken, /signature verification failed/],
    ["an unsigned token (alg none)", async () => `${base64url({ alg: "none", typ: "JWT" })}.${base64url(await claimsOf())}.`, /\balg\b/],
    [
      "an HS256 token keyed with the public modulus",
      async () => {
        const jwks = await (await fetch(`${h.emulator.url}/keys`)).json();
        return new SignJWT(await claimsOf()).setProtectedHeader({ alg: "HS256", kid: jwks.keys[0].kid }).sign(new TextEncoder().encode(jwks.keys[0].n));
      },
      /\balg\b/,
    ],
    ["a token that is not a JWT", async () => "not-a-jwt", /JWS/],
  ])("refuses %s with 401 invalid_token and the challenge", async (_label, makeToken, reason) => {
    const token = await makeToken();
    tokensSeen.push(token);
    await expect(h.connect(token)).rejects.toMatchObject({ code: 401 });
    const { status, wwwAuthenticate } = lastResponse();
    expect(status).toBe(401);
    const challenge = wwwAuthenticate?.match(new RegExp(`^Bearer realm="OAuth", error="invalid_token", error_description="([^"]+)", resource_metadata="${metadataUrl()}"$`));
    expect(challenge?.[1]).toMatch(reason);
  });

  it("refuses a tool outside the token's scopes with 403 insufficient_scope naming the scope, before the tool runs", async () => {
    const client = await h.connect(await userToken({ scopes: ["notes:read"] }));
    await expect(client.callTool({ name: "add_note", arguments: { text: "should not land" } })).rejects.toMatchObject({ code: 403 });
    expect(lastResponse()).toEqual({
      status: 403,
      wwwAuthenticate: `Bearer realm="OAuth", error="insufficient_scope", scope="notes:write", error_description="this tool needs the notes:write scope", resource_metadata="${metadataUrl()}"`,
    });
    const notes = structured(await client.callTool({ name: "list_notes", arguments: {} })).notes;
    expect(notes.map((note: { text: string }) => note.text)).not.toContain("should not land");

    const writeOnly = await h.connect(await userToken({ scopes: ["notes:write"] }));
    await expect(writeOnly.callTool({ name: "list_notes", arguments: {} })).rejects.toMatchObject({ code: 403 });
    expect(lastResponse().wwwAuthenticate).toContain('scope="notes:read"');
  });
});

describe("discovery", () => {
  it.each(["/.well-known/oauth-protected-resource", "/.well-known/oauth-protected-resource/mcp"])("serves RFC 9728 metadata at %s", async (path) => {
    const res = await fetch(`${h.serverUrl}${path}`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({
      resource: `${h.serverUrl}/mcp`,
      authorization_servers: [`${h.emulator.url}/resources/${h.resource.id}`],
      bearer_methods_supported: ["header"],
      scopes_supported: ["notes:read", "notes:write", "offline_access"],
    });
  });

  it("leads a client from the metadata to the emulator's authorization server metadata and its keys", async () => {
    const prm = await (await fetch(metadataUrl())).json();
    const issuer = new URL(prm.authorization_servers[0]);
    const asMetadata = await (await fetch(`${issuer.origin}/.well-known/oauth-authorization-server${issuer.pathname}`)).json();
    // The server's scopes; offline_access is the client's way to ask for a refresh token, not one of them.
    expect(asMetadata).toMatchObject({ issuer: prm.authorization_servers[0], jwks_uri: `${h.emulator.url}/keys`, scopes_supported: ["notes:read", "notes:write"] });
  });

  it("answers /healthz without a token", async () => {
    const res = await fetch(`${h.serverUrl}/healthz`);
    expect([res.status, await res.json()]).toEqual([200, { status: "ok" }]);
  });
});

describe("signing key rotation", () => {
  it("accepts a token signed with the new key after rotateSigningKey (the key set is fetched again)", async () => {
    const before = await userToken();
    await (await h.connect(before)).callTool({ name: "whoami", arguments: {} });
    h.emulator.rotateSigningKey();
    const after = await userToken();
    expect(decodeProtectedHeader(after).kid).not.toBe(decodeProtectedHeader(before).kid);
    const keyFetches = () => h.emulator.requestLog.filter((entry) => entry.path === "/keys").length;
    const fetchesBefore = keyFetches();
    const me = structured(await (await h.connect(after)).callTool({ name: "whoami", arguments: {} }));
    expect(me.organizationId).toBe(h.organizations.acme);
    expect(keyFetches()).toBeGreaterThan(fetchesBefore);
  });
});

describe("logs", () => {
  it("are JSON lines with the caller and tool, and contain no token", () => {
    const entries = h.logLines.map((line) => JSON.parse(line));
    expect(entries).toContainEqual(expect.objectContaining({ level: "info", event: "request", path: "/mcp", status: 200, tool: "add_note", oid: h.organizations.acme }));
    expect(entries).toContainEqual(expect.objectContaining({ event: "request", status: 401, auth_error: expect.any(String) }));
    const text = h.logLines.join("");
    expect(tokensSeen.length).toBeGreaterThan(10);
    for (const token of tokensSeen) expect(text).not.toContain(token);
    expect(text).not.toMatch(/eyJ[\w-]+\.[\w-]+/);
    expect(text).not.toContain(h.emulator.clientSecret);
  });
});
