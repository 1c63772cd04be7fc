import { auth } from "@modelcontextprotocol/sdk/client/auth.js";
import { decodeJwt } from "jose";
import { startOidcIdp, type LocalOidcIdp } from "../../examples/idp/oidc/start-oidc-idp";
import { AuthorizationRefusedError, HeadlessOAuthProvider } from "../../scripts/demo-sso/headless-oauth-provider";
import type { Tenant } from "../../scripts/demo-sso/tenant";
import { callTool, hopSummary, oidcSignInHops, signInAs } from "./support/sign-in";
import { ISSUER_FORMS, useSsoWorld } from "./support/sso-world";

/*
 * An OIDC tenant and the sample MCP server provisioned through the real dynamic-provider host, with
 * oidc-provider as the customer's IdP; the official MCP SDK client signs a user in and calls the
 * sample MCP server. Once with each form of the tokens' issuer.
 */
const CLIENT_SECRET = "oidc-client-secret-of-acme";
const refusalOf = (promise: Promise<unknown>) => promise.then(() => undefined, (err: unknown) => err);

describe.each(ISSUER_FORMS)("OIDC tenant, tokens issued by the %s", (issuerForm) => {
  const world = useSsoWorld(issuerForm);
  let idp: LocalOidcIdp;
  let tenant: Tenant;

  beforeAll(async () => {
    idp = await startOidcIdp();
    tenant = await world.deployer.deploy({
      name: "acme",
      displayName: "Acme Corp",
      domain: "acme-oidc.test",
      connection: { provider: "OKTA", oidc: { issuer: idp.issuer, clientId: "scalekit-acme", clientSecret: CLIENT_SECRET, pkceEnabled: true } },
    });
    // The IdP admin registers Scalekit as an app with the redirect URI the connection shows.
    await idp.registerClient({ clientId: "scalekit-acme", clientSecret: CLIENT_SECRET, redirectUris: [tenant.connection.props.redirectUri] });
  });
  afterAll(() => idp?.close());

  describe("provisioning", () => {
    it("registered the MCP server through the provider: the server runs with the resource id the McpServer output", () => {
      expect(world.mcpServer.props).toMatchObject({
        resourceId: world.notes.resource.id,
        serverUrl: world.notes.mcpUrl.href,
        authorizationServerUrl: world.notes.resource.authorizationServer,
        protectedResourceMetadataUrl: `${world.notes.url}/.well-known/oauth-protected-resource/mcp`,
      });
    });

    it("was configured through the provider: organization, ORGANIZATION_DOMAIN domain, enabled and completed OIDC connection", () => {
      expect(tenant.organization.id).toMatch(/^org_/);
      expect(tenant.domain.props).toMatchObject({ domain: "acme-oidc.test", domainType: "ORGANIZATION_DOMAIN" });
      expect(tenant.connection.props).toMatchObject({ protocol: "OIDC", enabled: true, status: "COMPLETED", redirectUri: expect.stringMatching(/\/sso\/v1\/oidc\/conn_\d+\/callback$/) });
    });

  });

  describe("sign-in", () => {
    it("signs someone@acme-oidc.test in through the IdP; the MCP server sees the user's organization", async () => {
      const attempt = signInAs("someone@acme-oidc.test", world.notes.mcpUrl);
      const client = await attempt.connect();
      try {
        expect(await callTool(client, "whoami")).toMatchObject({
          subject: expect.stringMatching(/^usr_/),
          organizationId: tenant.organization.id,
          organizationName: "Acme Corp",
          email: "someone@acme-oidc.test",
          scopes: ["notes:read", "notes:write"],
        });
        const added = await callTool(client, "add_note", { text: "SSO works" });
        expect(added).toMatchObject({ organizationId: tenant.organization.id, note: { author: "someone@acme-oidc.test" } });
      } finally {
        await client.close();
      }

      const names = { [world.emulator.url]: "scalekit", [idp.issuer]: "idp" };
      const connection = tenant.connection.id.split("/")[1];
      expect(hopSummary(attempt.hops, names)).toEqual(oidcSignInHops(connection));
    });

    it("issues RS256 tokens naming the issuer, the resource and the user, and, asked for offline_access, rotates refresh tokens once each", async () => {
      const attempt = signInAs("second@acme-oidc.test", world.notes.mcpUrl);
      await (await attempt.connect()).close();
      const tokens = attempt.provider.tokens()!;
      // The sample server lists offline_access among its scopes, so the MCP client asks for it.
      expect(tokens).toMatchObject({ token_type: "Bearer", scope: "notes:read notes:write offline_access", id_token: expect.any(String), refresh_token: expect.any(String) });
      expect(decodeJwt(tokens.access_token)).toMatchObject({
        iss: world.tokenIssuer(),
        aud: [world.notes.resource.resourceUrl, world.notes.resource.id],
        sub: expect.stringMatching(/^usr_/),
        oid: tenant.organization.id,
        email: "second@acme-oidc.test",
        scopes: ["notes:read", "notes:write"],
        client_id: attempt.provider.clientInformation()!.client_id,
      });
      expect(decodeJwt(tokens.id_token!)).toMatchObject({ iss: world.emulator.url, aud: attempt.provider.clientInformation()!.client_id, email: "second@acme-oidc.test" });

      const firstRefreshToken = tokens.refresh_token!;
      expect(await auth(attempt.provider, { serverUrl: world.notes.mcpUrl })).toBe("AUTHORIZED");
      const refreshed = attempt.provider.tokens()!;
      expect(refreshed.refresh_token).not.toBe(firstRefreshToken);
      expect(decodeJwt(refreshed.access_token).sub).toBe(decodeJwt(tokens.access_token).sub);

      const replay = await refresh(firstRefreshToken, attempt.provider);
      expect(replay).toEqual({ status: 400, body: { error: "invalid_grant", error_description: expect.stringMatching(/already used/) } });
      // Reuse revokes the session: the legitimate successor is refused too.
      expect((await refresh(refreshed.refresh_token!, attempt.provider)).body).toMatchObject({ error: "invalid_grant", error_description: expect.stringMatching(/revoked/) });
    });

    it("refuses a user whose email the IdP says it did not verify (email_verified: false)", async () => {
      const refusal = await refusalOf(signInAs("unverified@acme-oidc.test", world.notes.mcpUrl).connect());
      expect(refusal).toBeInstanceOf(AuthorizationRefusedError);
      expect(refusal).toMatchObject({ error: "access_denied", description: "the identity provider says unverified@acme-oidc.test is not verified (email_verified: false)" });
    });

    it("refuses a user whose email domain belongs to no organization", async () => {
      const refusal = await refusalOf(signInAs("stranger@unknown-corp.test", world.notes.mcpUrl).connect());
      expect(refusal).toBeInstanceOf(AuthorizationRefusedError);
      expect(refusal).toMatchObject({ error: "access_denied", description: expect.stringMatching(/no organization .* unknown-corp\.test/) });
    });

    it("refuses a wrong PKCE verifier at the token endpoint", async () => {
      class WrongVerifier extends HeadlessOAuthProvider {
        codeVerifier(): string {
          return "a".repeat(43);
        }
      }
      const attempt = signInAs("third@acme-oidc.test", world.notes.mcpUrl, { providerClass: WrongVerifier });
      await expect(attempt.connect()).rejects.toMatchObject({ errorCode: "invalid_grant" });
      expect(attempt.tokenResponses[0]).toEqual({ status: 400, body: { error: "invalid_grant", error_description: expect.stringMatching(/code_verifier does not match/) } });
      // The SDK retries once with the same code, which is single use.
      expect(attempt.tokenResponses[1]?.body).toMatchObject({ error: "invalid_grant", error_description: expect.stringMatching(/already used/) });
    });

    it("sends the IdP's refusal back to the client: a client secret the IdP does not accept", async () => {
      const connection = tenant.connection;
      const wrong = await world.deployer.update(connection, { oidc: { ...connection.inputs.oidc, clientSecret: "not-the-secret-the-idp-knows" } });
      try {
        const refusal = await refusalOf(signInAs("someone@acme-oidc.test", world.notes.mcpUrl).connect());
        expect(refusal).toMatchObject({ error: "access_denied", description: expect.stringMatching(/token endpoint answered HTTP 401: invalid_client/) });
      } finally {
        tenant.connection = await world.deployer.update(wrong, { oidc: connection.inputs.oidc });
      }
    });

    it("disabling the connection through the provider makes the next sign-in fail", async () => {
      const disabled = await world.deployer.update(tenant.connection, { enabled: false });
      expect(disabled.props).toMatchObject({ enabled: false });
      try {
        const refusal = await refusalOf(signInAs("someone@acme-oidc.test", world.notes.mcpUrl).connect());
        expect(refusal).toMatchObject({ error: "access_denied", description: expect.stringMatching(/SSO connection of organization org_\d+ is disabled/) });
      } finally {
        tenant.connection = await world.deployer.update(disabled, { enabled: true });
      }
      const client = await signInAs("someone@acme-oidc.test", world.notes.mcpUrl).connect();
      expect(await callTool(client, "whoami")).toMatchObject({ organizationId: tenant.organization.id });
      await client.close();
    });
  });

  async function refresh(refreshToken: string, provider: HeadlessOAuthProvider) {
    const response = await fetch(`${world.emulator.url}/oauth/token`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ grant_type: "refresh_token", refresh_token: refreshToken, client_id: provider.clientInformation()!.client_id }),
    });
    return { status: response.status, body: await response.json() };
  }
});
