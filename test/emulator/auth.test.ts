import { createRemoteJWKSet, decodeProtectedHeader, jwtVerify } from "jose";
import { startEmulator, type Emulator } from "../../emulator";
import { expectApiError, fetchToken, postForm, send } from "./support";

let emulator: Emulator;
beforeAll(async () => {
  emulator = await startEmulator({ seed: 3 });
});
afterAll(() => emulator.close());

const listOrganizations = (token: string) => send(emulator.url, "GET", "/api/v1/organizations", undefined, { authorization: `Bearer ${token}` });

describe("POST /oauth/token", () => {
  it("issues an RS256 bearer token for the environment client (form credentials)", async () => {
    const res = await postForm(emulator.url, { grant_type: "client_credentials", client_id: emulator.clientId, client_secret: emulator.clientSecret });
    expect(res.status).toBe(200);
    expect(res.json).toEqual({ access_token: expect.any(String), token_type: "Bearer", expires_in: 86399, scope: "openid" });
    expect(res.headers.get("cache-control")).toBe("no-store");
    const header = decodeProtectedHeader(res.json.access_token);
    expect(header).toMatchObject({ alg: "RS256", kid: expect.stringMatching(/^snk_\d+$/) });
    expect((await listOrganizations(res.json.access_token)).status).toBe(200);
  });

  it("accepts HTTP Basic client authentication", async () => {
    const basic = Buffer.from(`${emulator.clientId}:${emulator.clientSecret}`).toString("base64");
    const res = await postForm(emulator.url, { grant_type: "client_credentials" }, { authorization: `Basic ${basic}` });
    expect(res.status).toBe(200);
  });

  it.each([
    ["a wrong secret", { client_secret: "wrong" }],
    ["an unknown client", { client_id: "skc_000" }],
  ])("answers 401 invalid_client for %s", async (_label, override) => {
    const res = await postForm(emulator.url, { grant_type: "client_credentials", client_id: emulator.clientId, client_secret: emulator.clientSecret, ...override });
    expect(res.status).toBe(401);
    expect(res.json).toEqual({ error: "invalid_client", error_description: expect.any(String) });
  });

  it("answers 401 with a Basic challenge for wrong Basic credentials", async () => {
    const basic = Buffer.from(`${emulator.clientId}:nope`).toString("base64");
    const res = await postForm(emulator.url, { grant_type: "client_credentials" }, { authorization: `Basic ${basic}` });
    expect(res.status).toBe(401);
    expect(res.headers.get("www-authenticate")).toMatch(/^Basic/);
  });

  it("answers 400 unsupported_grant_type for other grants and invalid_request without one", async () => {
    const password = await postForm(emulator.url, { grant_type: "password", username: "u", password: "p" });
    expect(password.status).toBe(400);
    expect(password.json.error).toBe("unsupported_grant_type");
    const none = await postForm(emulator.url, { client_id: emulator.clientId });
    expect(none.status).toBe(400);
    expect(none.json.error).toBe("invalid_request");
  });
});

describe("bearer authentication of /api/v1", () => {
  it.each([
    ["no Authorization header", {}],
    ["an empty bearer", { authorization: "Bearer " }],
    ["a garbage token", { authorization: "Bearer abc.def.ghi" }],
  ])("answers 401 UNAUTHENTICATED for %s", async (_label, headers) => {
    expectApiError(await send(emulator.url, "GET", "/api/v1/organizations", undefined, headers), { status: 401, code: 16, errorCode: "UNAUTHENTICATED" });
  });

  it("refuses a token signed by another environment", async () => {
    const other = await startEmulator({ seed: 3 });
    try {
      const foreign = await fetchToken(other);
      expectApiError(await listOrganizations(foreign), { status: 401, code: 16, errorCode: "UNAUTHENTICATED" });
    } finally {
      await other.close();
    }
  });

  it("refuses an expired token", async () => {
    const shortLived = await startEmulator({ tokenTtlSeconds: 1 });
    try {
      const token = await fetchToken(shortLived);
      const call = () => send(shortLived.url, "GET", "/api/v1/organizations", undefined, { authorization: `Bearer ${token}` });
      expect((await call()).status).toBe(200);
      await new Promise((resolve) => setTimeout(resolve, 2100));
      const expired = await call();
      expectApiError(expired, { status: 401, code: 16, errorCode: "UNAUTHENTICATED" });
      expect(expired.json.message).toMatch(/expired/i);
    } finally {
      await shortLived.close();
    }
  });

  it("refuses every earlier token after revokeAllTokens, and accepts new ones", async () => {
    const token = await fetchToken(emulator);
    expect((await listOrganizations(token)).status).toBe(200);
    emulator.revokeAllTokens();
    expectApiError(await listOrganizations(token), { status: 401, code: 16, errorCode: "UNAUTHENTICATED" });
    expect((await listOrganizations(await fetchToken(emulator))).status).toBe(200);
  });

  it("refuses a token issued for an MCP resource", async () => {
    const resource = await emulator.mcp.registerResource({ resourceUrl: "https://mcp.example.com/mcp", scopes: ["notes:read"] });
    const organization = (await send(emulator.url, "POST", "/api/v1/organizations", { display_name: "Token Co" }, { authorization: `Bearer ${await fetchToken(emulator)}` })).json.organization;
    const resourceToken = await emulator.mcp.issueToken({ resourceId: resource.id, organizationId: organization.id, scopes: ["notes:read"] });
    expectApiError(await listOrganizations(resourceToken.accessToken), { status: 401, code: 16, errorCode: "UNAUTHENTICATED" });
  });
});

describe("GET /keys", () => {
  it("publishes a JWKS that verifies issued tokens, with the claims Scalekit sets", async () => {
    const jwks = await (await fetch(`${emulator.url}/keys`)).json();
    expect(jwks.keys[0]).toMatchObject({ kty: "RSA", alg: "RS256", use: "sig", kid: expect.stringMatching(/^snk_/), n: expect.any(String), e: "AQAB" });
    expect(jwks.keys[0]).not.toHaveProperty("d");

    const token = await fetchToken(emulator);
    const { payload } = await jwtVerify(token, createRemoteJWKSet(new URL(`${emulator.url}/keys`)), { issuer: emulator.url });
    expect(payload).toMatchObject({ sub: emulator.clientId, client_id: emulator.clientId, jti: expect.stringMatching(/^tkn_\d+$/) });
    expect(payload.exp! - payload.iat!).toBe(86399);
    expect(payload.nbf).toBe(payload.iat);
  });

  it("keeps the previous key after rotateSigningKey; new tokens use the new kid; old tokens still work", async () => {
    const before = await fetchToken(emulator);
    const oldKid = decodeProtectedHeader(before).kid;
    emulator.rotateSigningKey();
    const after = await fetchToken(emulator);
    const newKid = decodeProtectedHeader(after).kid;
    expect(newKid).not.toBe(oldKid);
    const kids = (await (await fetch(`${emulator.url}/keys`)).json()).keys.map((k: { kid: string }) => k.kid);
    expect(kids).toEqual(expect.arrayContaining([oldKid, newKid]));
    const jwks = createRemoteJWKSet(new URL(`${emulator.url}/keys`));
    await expect(jwtVerify(before, jwks)).resolves.toBeDefined();
    await expect(jwtVerify(after, jwks)).resolves.toBeDefined();
    expect((await listOrganizations(before)).status).toBe(200);
    expect((await listOrganizations(after)).status).toBe(200);
  });
});
