import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createRemoteJWKSet, decodeJwt, jwtVerify } from "jose";
import { startEmulator } from "../../emulator";
import { authorizationServerMetadata, AuthorizationServerFeatures } from "../../emulator/mcp/metadata";
import { createOrganization, expectApiError, fetchToken, postForm, send, startSession, type Session } from "../emulator/support";

let session: Session;
let orgId: string;
beforeAll(async () => {
  session = await startSession();
  orgId = (await createOrganization(session)).id;
});
afterAll(() => session.emulator.close());

let nextPort = 4100;
/** A resource URL no other test registered. */
const freshUrl = () => `https://mcp${nextPort++}.example.test/mcp`;

async function registerResource(body: Record<string, unknown> = {}) {
  const res = await session.call("POST", "/_emulator/mcp/resources", { resource_url: freshUrl(), scopes: ["notes:read", "notes:write"], ...body });
  if (res.status !== 201) throw new Error(`register failed: ${res.status} ${res.text}`);
  return res.json.resource;
}

async function createClient(resourceId: string, body: Record<string, unknown> = {}) {
  const res = await session.call("POST", `/_emulator/mcp/resources/${resourceId}/clients`, { organization_id: orgId, ...body });
  if (res.status !== 201) throw new Error(`client failed: ${res.status} ${res.text}`);
  return res.json.client;
}

describe("registering MCP resources (emulator-only admin routes)", () => {
  it("registers a resource with a res_ id, its scopes, lifetime and authorization server URL", async () => {
    const url = freshUrl();
    const res = await session.call("POST", "/_emulator/mcp/resources", { resource_url: url, display_name: "Notes", scopes: ["notes:read", "notes:write", "notes:read"], access_token_ttl_seconds: 900 });
    expect(res.status).toBe(201);
    const resource = res.json.resource;
    expect(resource).toEqual({
      id: expect.stringMatching(/^res_\d{17}$/),
      display_name: "Notes",
      resource_url: url,
      scopes: ["notes:read", "notes:write"],
      access_token_ttl_seconds: 900,
      create_time: expect.any(String),
      authorization_server: `${session.emulator.url}/resources/${resource.id}`,
    });
    expect((await session.call("GET", `/_emulator/mcp/resources/${resource.id}`)).json.resource).toEqual(resource);
    const listed = (await session.call("GET", "/_emulator/mcp/resources")).json.resources.map((r: { id: string }) => r.id);
    expect(listed).toContain(resource.id);
    expect(session.emulator.mcp.getResource(resource.id)).toMatchObject({ resourceUrl: url, accessTokenTtlSeconds: 900 });
  });

  it("defaults the lifetime to 3600 s and the display name to the URL", async () => {
    const resource = await registerResource({ scopes: [] });
    expect(resource).toMatchObject({ access_token_ttl_seconds: 3600, display_name: resource.resource_url, scopes: [] });
  });

  it("refuses a second resource with the same URL (409)", async () => {
    const resource = await registerResource();
    const again = await session.call("POST", "/_emulator/mcp/resources", { resource_url: resource.resource_url });
    expectApiError(again, { status: 409, code: 6, errorCode: "ALREADY_EXISTS" });
  });

  it.each([
    ["a missing URL", { resource_url: undefined }, "resource_url"],
    ["a relative URL", { resource_url: "/mcp" }, "resource_url"],
    ["a non-http URL", { resource_url: "ftp://example.test/mcp" }, "resource_url"],
    ["a URL with a fragment", { resource_url: "https://example.test/mcp#x" }, "resource_url"],
    ["a scope with a space", { scopes: ["notes read"] }, "scopes[0]"],
    ["a lifetime under a minute", { access_token_ttl_seconds: 30 }, "access_token_ttl_seconds"],
    ["an unknown field", { audience: "x" }, "audience"],
  ])("refuses %s with 400 naming the field", async (_label, override, fieldName) => {
    const res = await session.call("POST", "/_emulator/mcp/resources", { resource_url: freshUrl(), ...override });
    expectApiError(res, { status: 400, code: 3, errorCode: "INVALID_ARGUMENT", field: fieldName });
  });

  it("answers 404 for an unknown resource", async () => {
    expectApiError(await session.call("GET", "/_emulator/mcp/resources/res_404"), { status: 404, code: 5, errorCode: "NOT_FOUND" });
  });

  it("needs the environment's own bearer token: none and a resource client's token both give 401", async () => {
    const anonymous = await send(session.emulator.url, "GET", "/_emulator/mcp/resources");
    expectApiError(anonymous, { status: 401, code: 16, errorCode: "UNAUTHENTICATED" });
    const resource = await registerResource();
    const client = await createClient(resource.id);
    const token = (await postForm(session.emulator.url, { grant_type: "client_credentials", client_id: client.client_id, client_secret: client.client_secret })).json.access_token;
    const res = await send(session.emulator.url, "GET", "/_emulator/mcp/resources", undefined, { authorization: `Bearer ${token}` });
    expectApiError(res, { status: 401, code: 16, errorCode: "UNAUTHENTICATED" });
  });
});

describe("authorization server metadata of a resource", () => {
  it("is served at the RFC 8414 path-insert URL and at the resource-suffixed URL, with the same document", async () => {
    const resource = await registerResource();
    const env = session.emulator.url;
    const inserted = await send(env, "GET", `/.well-known/oauth-authorization-server/resources/${resource.id}`);
    const suffixed = await send(env, "GET", `/resources/${resource.id}/.well-known/oauth-authorization-server`);
    expect(inserted.status).toBe(200);
    expect(suffixed.json).toEqual(inserted.json);
    expect(inserted.json).toEqual({
      issuer: `${env}/resources/${resource.id}`,
      authorization_endpoint: `${env}/oauth/authorize`,
      token_endpoint: `${env}/oauth/token`,
      registration_endpoint: `${env}/resources/${resource.id}/register`,
      jwks_uri: `${env}/keys`,
      scopes_supported: ["notes:read", "notes:write"],
      response_types_supported: ["code"],
      grant_types_supported: ["client_credentials", "authorization_code", "refresh_token"],
      code_challenge_methods_supported: ["S256"],
      token_endpoint_auth_methods_supported: ["client_secret_basic", "client_secret_post", "none"],
    });
    expect(session.emulator.mcp.getResource(resource.id)?.metadataUrl).toBe(`${env}/.well-known/oauth-authorization-server/resources/${resource.id}`);
  });

  it("answers 404 for an unknown resource", async () => {
    expect((await send(session.emulator.url, "GET", "/.well-known/oauth-authorization-server/resources/res_404")).status).toBe(404);
    expect((await send(session.emulator.url, "GET", "/resources/res_404/.well-known/oauth-authorization-server")).status).toBe(404);
  });

  it("advertises what later features switch on: more grant types and a registration endpoint", () => {
    const features = new AuthorizationServerFeatures();
    features.grantTypes.add("authorization_code");
    features.registrationEndpoint = (env, resource) => `${env.url}/resources/${resource.id}/register`;
    const resource = { id: "res_1", display_name: "x", resource_url: "https://x.test/mcp", scopes: [], access_token_ttl_seconds: 60, create_time: "" };
    const metadata = authorizationServerMetadata({ url: "https://env.test" } as never, resource, features);
    expect(metadata).toMatchObject({ registration_endpoint: "https://env.test/resources/res_1/register", grant_types_supported: ["client_credentials", "authorization_code"] });
  });
});

describe("client credentials for a resource client", () => {
  it("creates an m2morg_ client whose secret is shown once", async () => {
    const resource = await registerResource();
    const client = await createClient(resource.id);
    expect(client).toEqual({
      client_id: expect.stringMatching(/^m2morg_\d{17}$/),
      client_secret: expect.stringMatching(/^test_/),
      resource_id: resource.id,
      organization_id: orgId,
      scopes: ["notes:read", "notes:write"],
      create_time: expect.any(String),
    });
  });

  it.each([
    ["a scope the resource lacks", { scopes: ["admin"] }, 400],
    ["no organization", { organization_id: undefined }, 400],
    ["an unknown organization", { organization_id: "org_404" }, 404],
  ])("refuses a client with %s", async (_label, override, status) => {
    const resource = await registerResource();
    const res = await session.call("POST", `/_emulator/mcp/resources/${resource.id}/clients`, { organization_id: orgId, ...override });
    expect(res.status).toBe(status);
  });

  it("issues an RS256 JWT with iss, aud = [resource URL, resource id], sub, client_id, oid, scopes, jti and the resource's lifetime", async () => {
    const resource = await registerResource({ access_token_ttl_seconds: 600 });
    const client = await createClient(resource.id);
    const res = await postForm(session.emulator.url, { grant_type: "client_credentials", client_id: client.client_id, client_secret: client.client_secret });
    expect(res.status).toBe(200);
    expect(res.json).toEqual({ access_token: expect.any(String), token_type: "Bearer", expires_in: 600, scope: "notes:read notes:write" });
    const jwks = createRemoteJWKSet(new URL(`${session.emulator.url}/keys`));
    const { payload, protectedHeader } = await jwtVerify(res.json.access_token, jwks, { issuer: session.emulator.url, audience: resource.resource_url });
    expect(protectedHeader).toMatchObject({ alg: "RS256", kid: expect.stringMatching(/^snk_/) });
    expect(payload).toMatchObject({
      aud: [resource.resource_url, resource.id],
      sub: client.client_id,
      client_id: client.client_id,
      oid: orgId,
      scopes: ["notes:read", "notes:write"],
      jti: expect.stringMatching(/^tkn_/),
    });
    expect(payload.nbf).toBe(payload.iat);
    expect(payload.exp! - payload.iat!).toBe(600);
  });

  it("narrows to the requested scopes, accepts HTTP Basic and a matching resource parameter", async () => {
    const resource = await registerResource();
    const client = await createClient(resource.id);
    const basic = Buffer.from(`${client.client_id}:${client.client_secret}`).toString("base64");
    const res = await postForm(session.emulator.url, { grant_type: "client_credentials", scope: "notes:read", resource: resource.resource_url }, { authorization: `Basic ${basic}` });
    expect(res.status).toBe(200);
    expect(res.json.scope).toBe("notes:read");
    expect(decodeJwt(res.json.access_token).scopes).toEqual(["notes:read"]);
  });

  it.each([
    ["a scope outside the client's", { scope: "notes:write" }, 400, "invalid_scope"],
    ["another resource", { resource: "https://elsewhere.test/mcp" }, 400, "invalid_target"],
    ["a wrong secret", { client_secret: "test_wrong" }, 401, "invalid_client"],
  ])("refuses %s", async (_label, override, status, error) => {
    const resource = await registerResource();
    const client = await createClient(resource.id, { scopes: ["notes:read"] });
    const res = await postForm(session.emulator.url, { grant_type: "client_credentials", client_id: client.client_id, client_secret: client.client_secret, ...override });
    expect(res.status).toBe(status);
    expect(res.json.error).toBe(error);
  });

  it("leaves the environment's own client credentials as they were", async () => {
    const res = await postForm(session.emulator.url, { grant_type: "client_credentials", client_id: session.emulator.clientId, client_secret: session.emulator.clientSecret });
    expect(res.json).toEqual({ access_token: expect.any(String), token_type: "Bearer", expires_in: 86399, scope: "openid" });
    expect(decodeJwt(res.json.access_token)).not.toHaveProperty("aud");
    expect((await postForm(session.emulator.url, { grant_type: "client_credentials", client_id: "m2morg_404", client_secret: "x" })).json.error).toBe("invalid_client");
  });
});

describe("programmatic administration (emulator.mcp)", () => {
  it("registers, creates a client and issues a user-like token with email", async () => {
    const { mcp } = session.emulator;
    const resource = mcp.registerResource({ resourceUrl: freshUrl(), scopes: ["notes:read", "notes:write"], accessTokenTtlSeconds: 300 });
    expect(mcp.findResourceByUrl(resource.resourceUrl)?.id).toBe(resource.id);
    expect(resource.authorizationServer).toBe(`${session.emulator.url}/resources/${resource.id}`);
    const client = mcp.createClient({ resourceId: resource.id, organizationId: orgId, scopes: ["notes:read"] });
    expect(client).toMatchObject({ clientId: expect.stringMatching(/^m2morg_/), scopes: ["notes:read"] });

    const issued = await mcp.issueToken({ resourceId: resource.id, organizationId: orgId, email: "alice@acme.test", scopes: ["notes:read"] });
    const claims = decodeJwt(issued.accessToken);
    expect(claims).toMatchObject({ sub: expect.stringMatching(/^usr_/), email: "alice@acme.test", oid: orgId, scopes: ["notes:read"], iss: session.emulator.url });
    expect(claims.exp! - claims.iat!).toBe(300);
  });

  it("issues an already-expired token on request and refuses scopes the resource lacks", async () => {
    const { mcp } = session.emulator;
    const resource = mcp.registerResource({ resourceUrl: freshUrl(), scopes: ["notes:read"] });
    const expired = decodeJwt((await mcp.issueToken({ resourceId: resource.id, organizationId: orgId, expiresInSeconds: -60 })).accessToken);
    expect(expired.exp!).toBeLessThan(expired.iat!);
    await expect(mcp.issueToken({ resourceId: resource.id, organizationId: orgId, scopes: ["admin"] })).rejects.toThrow(/admin/);
    await expect(mcp.issueToken({ resourceId: resource.id, organizationId: "org_404" })).rejects.toThrow(/organization not found/);
  });

  it("keeps resources and clients across a restart with a data file", async () => {
    const dir = mkdtempSync(join(tmpdir(), "scalekit-mcp-"));
    try {
      const dataFile = join(dir, "env.db");
      const first = await startEmulator({ dataFile });
      const org = await send(first.url, "POST", "/api/v1/organizations", { display_name: "Kept" }, { authorization: `Bearer ${await fetchToken(first)}` });
      const resource = first.mcp.registerResource({ resourceUrl: "http://127.0.0.1:3002/mcp", scopes: ["notes:read"] });
      const client = first.mcp.createClient({ resourceId: resource.id, organizationId: org.json.organization.id });
      await first.close();
      const second = await startEmulator({ dataFile });
      try {
        expect(second.mcp.findResourceByUrl("http://127.0.0.1:3002/mcp")?.id).toBe(resource.id);
        const token = await postForm(second.url, { grant_type: "client_credentials", client_id: client.clientId, client_secret: client.clientSecret });
        expect(token.status).toBe(200);
      } finally {
        await second.close();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
