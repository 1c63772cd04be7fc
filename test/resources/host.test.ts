import { ADMIN_PORTAL_LINK_SECRET_OUTPUTS } from "../../provider/resources/admin-portal-link/schema";
import { DOMAIN_SECRET_OUTPUTS } from "../../provider/resources/domain/schema";
import { selfSignedCertificate } from "../helpers/certificates";
import { useEmulator } from "../helpers/emulator";
import { DynamicProviderHost, secretValue, urnOf, type Bag, type GrpcError } from "../helpers/dynamic-host";
import { serializedProvider } from "../helpers/serialized-provider";

/*
 * The real `@pulumi/pulumi/cmd/dynamic-provider` host, driven over gRPC exactly as the engine drives it:
 * our stand-in for `pulumi preview/up/refresh/destroy`.
 */
// Domains wait for DNS verification here, so a TXT value is among the secrets checked; every
// connection PATCH must name the connection's type, provider and key id.
const env = useEmulator({ domainVerification: "DNS", strictConnectionUpdates: true });
let host: DynamicProviderHost;
const providers: Record<string, string> = {};

beforeAll(async () => {
  for (const kind of ["Organization", "Domain", "SSOConnection", "AdminPortalLink", "McpServer"]) providers[kind] = await serializedProvider(kind);
  host = await DynamicProviderHost.start();
  await host.configure({
    "scalekit:environmentUrl": env.emulator.url,
    "scalekit:clientId": env.emulator.clientId,
    "scalekit:clientSecret": secretValue(env.emulator.clientSecret),
  });
});
afterAll(() => host?.stop());

/** check + create, failing the test on check failures. */
async function up(kind: string, name: string, inputs: Bag): Promise<{ urn: string; id: string; props: Bag; inputs: Bag }> {
  const urn = urnOf(kind, name);
  const checked = await host.check(urn, {}, { ...inputs, __provider: providers[kind] });
  expect(checked.failures).toEqual([]);
  const created = await host.create(urn, checked.inputs);
  return { urn, ...created, inputs: checked.inputs };
}

describe("resources through the real dynamic-provider host", () => {
  test("Organization: configure with a wrapped secret, check, create, diff, update, refresh, delete", async () => {
    const urn = urnOf("Organization", "acme");
    const bad = await host.check(urn, {}, { displayName: "", slug: "Not A Slug", __provider: providers.Organization });
    expect(bad.failures).toEqual([
      { property: "displayName", reason: "displayName: must not be empty" },
      { property: "slug", reason: expect.stringContaining("slug: must be lower-case letters") },
    ]);

    const org = await up("Organization", "acme", { displayName: "Host Co", externalId: "host-co" });
    expect(org.id).toMatch(/^org_/);
    expect(org.props).toMatchObject({ displayName: "Host Co", organizationId: org.id, __provider: providers.Organization });

    expect(await host.diff(urn, org.id, org.props, org.inputs)).toEqual({ changes: "none", replaces: [], deleteBeforeReplace: false });
    const renamed = { ...org.inputs, displayName: "Host Inc" };
    expect(await host.diff(urn, org.id, org.props, renamed)).toMatchObject({ changes: "some", replaces: [] });
    const updated = await host.update(urn, org.id, org.props, renamed);
    expect(updated).toMatchObject({ displayName: "Host Inc", organizationId: org.id, createTime: org.props.createTime, __provider: providers.Organization });

    const refreshed = await host.read(urn, org.id, updated);
    expect(refreshed.id).toBe(org.id);
    expect(refreshed.props).toEqual(updated);
    expect(refreshed.inputs).toMatchObject({ displayName: "Host Inc", __provider: providers.Organization });

    await host.delete(urn, org.id, updated);
    expect((await host.read(urn, org.id, updated)).id).toBe("");
  });

  test("McpServer: check (failure names the field), create, diff, update in place, refresh, delete", async () => {
    const urn = urnOf("McpServer", "notes");
    const bad = await host.check(urn, {}, { name: "Notes", serverUrl: "ftp://notes.example.test/mcp", __provider: providers.McpServer });
    expect(bad.failures).toEqual([{ property: "serverUrl", reason: expect.stringContaining("serverUrl: must be an absolute https:// URL") }]);

    const server = await up("McpServer", "notes", { name: "Notes", serverUrl: "https://notes.host.test/mcp", scopes: ["notes:read"] });
    expect(server.id).toMatch(/^res_/);
    expect(server.props).toMatchObject({
      resourceId: server.id,
      authorizationServerUrl: `${env.emulator.url}/resources/${server.id}`,
      authorizationServerMetadataUrl: `${env.emulator.url}/.well-known/oauth-authorization-server/resources/${server.id}`,
      protectedResourceMetadataUrl: "https://notes.host.test/.well-known/oauth-protected-resource/mcp",
      __provider: providers.McpServer,
    });
    expect(await host.diff(urn, server.id, server.props, server.inputs)).toEqual({ changes: "none", replaces: [], deleteBeforeReplace: false });
    const widened = { ...server.inputs, scopes: ["notes:read", "notes:write"] };
    expect(await host.diff(urn, server.id, server.props, widened)).toMatchObject({ changes: "some", replaces: [] });
    const updated = await host.update(urn, server.id, server.props, widened);
    expect(updated).toMatchObject({ scopes: ["notes:read", "notes:write"], resourceId: server.id, __provider: providers.McpServer });
    expect(env.emulator.mcp.getResource(server.id)?.scopes).toEqual(["notes:read", "notes:write"]);
    expect((await host.read(urn, server.id, updated)).props).toEqual(updated);
    await host.delete(urn, server.id, updated);
    expect((await host.read(urn, server.id, updated)).id).toBe("");
  });

  test("AdminPortalLink: a revoke Scalekit refuses because the link lapsed (410) deletes it with a warning", async () => {
    const org = await up("Organization", "lapsed", { displayName: "Lapsed Host Co", features: { sso: true } });
    const link = await up("AdminPortalLink", "lapsed-link", { organizationId: org.id });
    env.emulator.scriptFault({ kind: "gone", method: "DELETE", path: /\/portal_links\// });
    await host.delete(urnOf("AdminPortalLink", "lapsed-link"), link.id, link.props);
    expect(host.output.join("")).toMatch(/could not be revoked \(410/);
  });

  test("a create the API refuses comes back as an error naming the call, status and reason", async () => {
    const urn = urnOf("Domain", "orphan");
    const checked = await host.check(urn, {}, { organizationId: "org_404404", domain: "orphan-domain.com", __provider: providers.Domain });
    const error = (await host.create(urn, checked.inputs).catch((caught) => caught)) as GrpcError;
    expect(error.code).toBe(2);
    expect(error.details).toMatch(/POST \/api\/v1\/organizations\/org_404404\/domains failed \(404 NOT_FOUND\)/);
    expect(DynamicProviderHost.initFailure(error)).toBeUndefined();
  });

  test("a connection created but not configured is kept in state (ErrorResourceInitFailed) with its provider, and the next update completes it", async () => {
    const org = await up("Organization", "half", { displayName: "Half Host Co" });
    const urn = urnOf("SSOConnection", "half-sso");
    const checked = await host.check(urn, {}, { organizationId: org.id, provider: "OKTA", saml: { metadataUrl: "https://half.okta.com/metadata" }, validateIdp: false, __provider: providers.SSOConnection });
    env.emulator.scriptFault({ kind: "internal", method: "PATCH", path: /\/connections\/conn_\d+$/ });
    const error = (await host.create(urn, checked.inputs).catch((caught) => caught)) as GrpcError;
    const kept = DynamicProviderHost.initFailure(error);
    expect(kept).toMatchObject({ id: expect.stringMatching(new RegExp(`^${org.id}/conn_`)), props: { enabled: false, status: "DRAFT", __provider: providers.SSOConnection } });

    expect((await host.diff(urn, kept!.id, kept!.props, checked.inputs)).changes).toBe("some");
    const completed = await host.update(urn, kept!.id, kept!.props, checked.inputs);
    expect(completed).toMatchObject({ enabled: true, status: "COMPLETED", saml: { metadataUrl: "https://half.okta.com/metadata" } });
    await host.delete(urn, kept!.id, completed);
  });

  test("no credential, OIDC client secret, portal link or TXT value appears in any output or __provider of a full lifecycle", async () => {
    const oidcSecret = "oidc-client-secret-never-stored";
    const { cert } = await selfSignedCertificate();
    const org = await up("Organization", "secrets", { displayName: "Secrets Co", features: { sso: true } });
    const domain = await up("Domain", "secrets-domain", { organizationId: org.id, domain: "secrets-co.com" });
    const saml = await up("SSOConnection", "secrets-saml", { organizationId: org.id, provider: "OKTA", saml: { entityId: "http://e", ssoUrl: "https://secrets.okta.com/sso", certificate: cert } });
    const oidc = await up("SSOConnection", "secrets-oidc", {
      organizationId: org.id,
      provider: "MICROSOFT_AD",
      validateIdp: false,
      oidc: { issuer: "https://login.microsoftonline.com/t/v2.0", clientId: "app", clientSecret: oidcSecret },
    });
    const link = await up("AdminPortalLink", "secrets-link", { organizationId: org.id });
    const rotated = { ...oidc.inputs, oidc: { ...oidc.inputs.oidc, clientSecret: `${oidcSecret}-rotated` } };
    const oidcUpdated = await host.update(oidc.urn, oidc.id, oidc.props, rotated);
    const reads = await Promise.all([org, domain, saml, link].map((resource) => host.read(resource.urn, resource.id, resource.props)));
    const oidcRead = await host.read(oidc.urn, oidc.id, oidcUpdated);

    const location: string = link.props.location;
    const txtValue: string = domain.props.dnsRecord.value;
    expect(ADMIN_PORTAL_LINK_SECRET_OUTPUTS).toContain("location");
    expect(DOMAIN_SECRET_OUTPUTS).toContain("dnsRecord");
    const outputs = [...[org, domain, saml, oidc, link].map((resource) => resource.props), oidcUpdated, ...reads.map((read) => read.props), oidcRead.props];
    const stored = JSON.stringify([outputs, reads.map((read) => read.inputs), oidcRead.inputs, Object.values(providers)]);
    const leaked = [env.emulator.clientSecret, oidcSecret, `${oidcSecret}-rotated`].filter((secret) => stored.includes(secret));
    expect(leaked).toEqual([]);
    // The link and the TXT value are outputs of their own resources only, under keys declared as secret outputs.
    const withoutDeclaredSecrets = JSON.stringify(outputs.map(({ location: _link, dnsRecord: _txt, ...rest }) => rest));
    expect(withoutDeclaredSecrets.includes(location)).toBe(false);
    expect(withoutDeclaredSecrets.includes(txtValue)).toBe(false);
    expect(JSON.stringify(reads.map((read) => read.inputs)).includes(txtValue)).toBe(false);
    expect(host.output.join("")).not.toContain(env.emulator.clientSecret);
    expect(host.output.join("")).not.toContain(oidcSecret);
  });
});
