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
  const res = await session.call("POST", "/api/v1/resources", { resource_type: "MCP_SERVER", name: "Notes", resource_id: freshUrl(), scopes: ["notes:read", "notes:write"], ...body });
  if (res.status !== 201) throw new Error(`register failed: ${res.status} ${res.text}`);
  return res.json.resource;
}

async function createClient(resourceId: string, body: Record<string, unknown> = {}) {
  const res = await session.call("POST", `/_emulator/mcp/resources/${resourceId}/clients`, { organization_id: orgId, ...body });
  if (res.status !== 201) throw new Error(`client failed: ${res.status} ${res.text}`);
  return res.json.client;
}

describe("MCP servers at /api/v1/resources (ClientService, PREVIEW in Scalekit's protos)", () => {
  it("registers an MCP server: res_ id, the server URL in resource_id, scopes, lifetimes as int64 strings, the protected resource metadata", async () => {
    const url = freshUrl();
    const res = await session.call("POST", "/api/v1/resources", {
      resource_type: "MCP_SERVER",
      name: "Notes",
      description: "Team notes",
      resource_id: url,
      scopes: ["notes:read", "notes:write", "notes:read"],
      access_token_expiry: "900",
      refresh_token_expiry: 7200,
    });
    expect(res.status).toBe(201);
    const resource = res.json.resource;
    const env = session.emulator.url;
    expect(resource).toEqual({
      id: expect.stringMatching(/^res_\d{17}$/),
      resource_type: "MCP_SERVER",
      name: "Notes",
      description: "Team notes",
      resource_id: url,
      scopes: [
        { id: expect.stringMatching(/^perm_/), name: "notes:read", description: "", enabled: true },
        { id: expect.stringMatching(/^perm_/), name: "notes:write", description: "", enabled: true },
      ],
      access_token_expiry: "900",
      refresh_token_expiry: "7200",
      disable_dynamic_client_registration: false,
      enable_cimd: false,
      intersect_scopes_user_permission: false,
      xaa_enabled: false,
      create_time: expect.any(String),
      update_time: expect.any(String),
      protected_metadata: {
        resource: url,
        authorization_servers: [`${env}/resources/${resource.id}`],
        bearer_methods_supported: ["header"],
        scopes_supported: ["notes:read", "notes:write"],
      },
      protected_metadata_uri: `${new URL(url).origin}/.well-known/oauth-protected-resource/mcp`,
    });
    expect((await session.call("GET", `/api/v1/resources/${resource.id}`)).json.resource).toEqual(resource);
    expect(session.emulator.mcp.getResource(resource.id)).toMatchObject({ resourceUrl: url, accessTokenTtlSeconds: 900, refreshTokenTtlSeconds: 7200 });
  });

  it("defaults the access-token lifetime to 3600 s and the refresh-token lifetime to 30 days", async () => {
    const resource = await registerResource({ scopes: [] });
    expect(resource).toMatchObject({ access_token_expiry: "3600", refresh_token_expiry: String(30 * 86400), scopes: [] });
  });

  it("lists MCP servers by type in pages of at most 30, with page tokens", async () => {
    const made = [await registerResource(), await registerResource(), await registerResource()];
    const all: string[] = [];
    let pageToken = "";
    do {
      const page = (await session.call("GET", `/api/v1/resources?resource_type=MCP_SERVER&page_size=2${pageToken ? `&page_token=${pageToken}` : ""}`)).json;
      expect(page.resources.length).toBeLessThanOrEqual(2);
      expect(page.total_size).toBeGreaterThanOrEqual(3);
      all.push(...page.resources.map((resource: { id: string }) => resource.id));
      pageToken = page.next_page_token;
    } while (pageToken);
    expect(all).toEqual(expect.arrayContaining(made.map((resource) => resource.id)));
    expectApiError(await session.call("GET", "/api/v1/resources"), { status: 400, code: 3, errorCode: "INVALID_ARGUMENT", field: "resource_type" });
    expectApiError(await session.call("GET", "/api/v1/resources?resource_type=MCP_SERVER&page_size=31"), { status: 400, code: 3, errorCode: "INVALID_ARGUMENT", field: "page_size" });
  });

  it("updates the keys sent and keeps the others; scopes kept keep their ids", async () => {
    const resource = await registerResource();
    const res = await session.call("PATCH", `/api/v1/resources/${resource.id}`, { name: "Renamed", scopes: ["notes:read", "notes:admin"], disable_dynamic_client_registration: true });
    expect(res.status).toBe(200);
    expect(res.json.resource).toMatchObject({ name: "Renamed", resource_id: resource.resource_id, access_token_expiry: resource.access_token_expiry, disable_dynamic_client_registration: true });
    expect(res.json.resource.scopes.map((scope: { name: string }) => scope.name)).toEqual(["notes:read", "notes:admin"]);
    expect(res.json.resource.scopes[0].id).toBe(resource.scopes[0].id);
    expectApiError(await session.call("PATCH", `/api/v1/resources/${resource.id}`, { resource_type: "WEB" }), { status: 400, code: 3, errorCode: "INVALID_ARGUMENT", field: "resource_type" });
  });

  it("deletes a server with its clients; then 404", async () => {
    const resource = await registerResource();
    const client = await createClient(resource.id);
    expect((await session.call("DELETE", `/api/v1/resources/${resource.id}`)).json).toEqual({});
    expectApiError(await session.call("GET", `/api/v1/resources/${resource.id}`), { status: 404, code: 5, errorCode: "NOT_FOUND" });
    expect((await postForm(session.emulator.url, { grant_type: "client_credentials", client_id: client.client_id, client_secret: client.client_secret })).json.error).toBe("invalid_client");
  });

  it("refuses a second server with the same URL (409), also by an update", async () => {
    const resource = await registerResource();
    const again = await session.call("POST", "/api/v1/resources", { resource_type: "MCP_SERVER", name: "Again", resource_id: resource.resource_id });
    expectApiError(again, { status: 409, code: 6, errorCode: "ALREADY_EXISTS" });
    const other = await registerResource();
    expectApiError(await session.call("PATCH", `/api/v1/resources/${other.id}`, { resource_id: resource.resource_id }), { status: 409, code: 6, errorCode: "ALREADY_EXISTS" });
  });

  it.each([
    ["a missing URL", { resource_id: undefined }, "resource_id"],
    ["a relative URL", { resource_id: "/mcp" }, "resource_id"],
    ["a non-http URL", { resource_id: "ftp://example.test/mcp" }, "resource_id"],
    ["a URL with a fragment", { resource_id: "https://example.test/mcp#x" }, "resource_id"],
    ["a missing name", { name: undefined }, "name"],
    ["another resource type", { resource_type: "WEB" }, "resource_type"],
    ["a scope with a space", { scopes: ["notes read"] }, "scopes[0]"],
    ["a lifetime under a minute", { access_token_expiry: 30 }, "access_token_expiry"],
    ["a lifetime that is not an integer", { access_token_expiry: "soon" }, "access_token_expiry"],
    ["an unknown field", { audience: "x" }, "audience"],
  ])("refuses %s with 400 naming the field", async (_label, override, fieldName) => {
    const res = await session.call("POST", "/api/v1/resources", { resource_type: "MCP_SERVER", name: "Bad", resource_id: freshUrl(), ...override });
    expectApiError(res, { status: 400, code: 3, errorCode: "INVALID_ARGUMENT", field: fieldName });
  });

  it("answers 404 for an unknown resource", async () => {
    expectApiError(await session.call("GET", "/api/v1/resources/res_404"), { status: 404, code: 5, errorCode: "NOT_FOUND" });
  });

  it("needs the environment's own bearer token: none and a resource client's token both give 401", async () => {
    const anonymous = await send(session.emulator.url, "GET", "/api/v1/resources?resource_type=MCP_SERVER");
    expectApiError(anonymous, { status: 401, code: 16, errorCode: "UNAUTHENTICATED" });
    const resource = await registerResource();
    const client = await createClient(resource.id);
    const token = (await postForm(session.emulator.url, { grant_type: "client_credentials", client_id: client.client_id, client_secret: client.client_secret })).json.access_token;
    const res = await send(session.emulator.url, "GET", "/api/v1/resources?resource_type=MCP_SERVER", undefined, { authorization: `Bearer ${token}` });
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
      registration_endpoint: `${env}/api/v1/resources/${resource.id}/clients:register`,
      jwks_uri: `${env}/keys`,
      scopes_supported: ["notes:read", "notes:write"],
      response_types_supported: ["code"],
      grant_types_supported: ["client_credentials", "authorization_code", "refresh_token"],
      code_challenge_methods_supported: ["S256"],
      token_endpoint_auth_methods_supported: ["client_secret_basic", "client_secret_post", "none"],
    });
    expect(session.emulator.mcp.getResource(resource.id)?.metadataUrl).toBe(`${env}/.well-known/oauth-authorization-server/resources/${resource.id}`);
  });

  it("leaves out the registration endpoint of a server that turned dynamic client registration off", async () => {
    const resource = await registerResource({ disable_dynamic_client_registration: true });
    const metadata = (await send(session.emulator.url, "GET", `/.well-known/oauth-authorization-server/resources/${resource.id}`)).json;
    expect(metadata).not.toHaveProperty("registration_endpoint");
  });

  it("answers 404 for an unknown resource", async () => {
    expect((await send(session.emulator.url, "GET", "/.well-known/oauth-authorization-server/resources/res_404")).status).toBe(404);
    expect((await send(session.emulator.url, "GET", "/resources/res_404/.well-known/oauth-authorization-server")).status).toBe(404);
  });

  it("advertises what the authorization server switches on: grant types and a registration endpoint", () => {
    const features = new AuthorizationServerFeatures();
    features.grantTypes.add("authorization_code");
    features.registrationEndpoint = (env, resource) => `${env.url}/api/v1/resources/${resource.id}/clients:register`;
    const resource = session.emulator.mcp.registerResource({ resourceUrl: freshUrl(), scopes: [] });
    const record = { ...resource, id: "res_1", resource_id: resource.resourceUrl, scopes: [], disable_dynamic_client_registration: false } as never;
    const metadata = authorizationServerMetadata({ url: "https://env.test" } as never, record, features);
    expect(metadata).toMatchObject({ registration_endpoint: "https://env.test/api/v1/resources/res_1/clients:register", grant_types_supported: ["client_credentials", "authorization_code"] });
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
    const resource = await registerResource({ access_token_expiry: 600 });
    const client = await createClient(resource.id);
    const res = await postForm(session.emulator.url, { grant_type: "client_credentials", client_id: client.client_id, client_secret: client.client_secret });
    expect(res.status).toBe(200);
    expect(res.json).toEqual({ access_token: expect.any(String), token_type: "Bearer", expires_in: 600, scope: "notes:read notes:write" });
    const jwks = createRemoteJWKSet(new URL(`${session.emulator.url}/keys`));
    const { payload, protectedHeader } = await jwtVerify(res.json.access_token, jwks, { issuer: session.emulator.url, audience: resource.resource_id });
    expect(protectedHeader).toMatchObject({ alg: "RS256", kid: expect.stringMatching(/^snk_/) });
    expect(payload).toMatchObject({
      aud: [resource.resource_id, resource.id],
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
    const res = await postForm(session.emulator.url, { grant_type: "client_credentials", scope: "notes:read", resource: resource.resource_id }, { authorization: `Basic ${basic}` });
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

  it("issues the claims in either form: a scopes array and oid, or a space-separated scope and org_id", async () => {
    const { mcp } = session.emulator;
    const resource = mcp.registerResource({ resourceUrl: freshUrl(), scopes: ["notes:read", "notes:write"] });
    const sdk = decodeJwt((await mcp.issueToken({ resourceId: resource.id, organizationId: orgId })).accessToken);
    expect(sdk).toMatchObject({ oid: orgId, scopes: ["notes:read", "notes:write"] });
    expect(sdk).not.toHaveProperty("scope");
    const integrations = decodeJwt((await mcp.issueToken({ resourceId: resource.id, organizationId: orgId, claimStyle: "integrations" })).accessToken);
    expect(integrations).toMatchObject({ org_id: orgId, scope: "notes:read notes:write" });
    expect(integrations).not.toHaveProperty("oid");
    expect(integrations).not.toHaveProperty("scopes");
  });

  it("with mcpTokenIssuer resource, names {env}/resources/{res} as the issuer; the management API still refuses such tokens", async () => {
    const other = await startEmulator({ mcpTokenIssuer: "resource" });
    try {
      const resource = other.mcp.registerResource({ resourceUrl: "https://issuer.example.test/mcp", scopes: ["notes:read"] });
      const org = (await send(other.url, "POST", "/api/v1/organizations", { display_name: "Issuer Co" }, { authorization: `Bearer ${await fetchToken(other)}` })).json.organization.id;
      const client = other.mcp.createClient({ resourceId: resource.id, organizationId: org });
      const token = (await postForm(other.url, { grant_type: "client_credentials", client_id: client.clientId, client_secret: client.clientSecret })).json.access_token;
      const { payload } = await jwtVerify(token, createRemoteJWKSet(new URL(`${other.url}/keys`)), { issuer: `${other.url}/resources/${resource.id}`, audience: resource.resourceUrl });
      expect(payload.iss).toBe(resource.authorizationServer);
      const metadata = (await send(other.url, "GET", `/.well-known/oauth-authorization-server/resources/${resource.id}`)).json;
      expect(metadata.issuer).toBe(payload.iss);
      expectApiError(await send(other.url, "GET", "/api/v1/organizations", undefined, { authorization: `Bearer ${token}` }), { status: 401, code: 16, errorCode: "UNAUTHENTICATED" });
    } finally {
      await other.close();
    }
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
