import { apiCallsOf } from "../helpers/api-calls";
import { clientFor, useEmulator } from "../helpers/emulator";
import { captureWarnings, configureRuntime, runtime } from "../helpers/runtime";

/* "Commit the write, then drop the response": the create must neither fail nor duplicate. */
const env = useEmulator();
captureWarnings();
afterAll(() => runtime.closeClients());
const apiCalls = (action: () => Promise<unknown>) => apiCallsOf(env.emulator, action);

describe("creates whose response is lost", () => {
  test("Organization: the retry adopts the committed organization, and so does a second create", async () => {
    const rt = configureRuntime(env.emulator);
    const client = clientFor(env.emulator);
    const { inputs } = await rt.check("Organization", {}, { displayName: "Lost Co", externalId: "lost-co", features: { sso: true } });

    env.emulator.scriptFault({ kind: "lost-response", method: "POST", path: "/api/v1/organizations" });
    let first!: { id: string; outs: any };
    expect(await apiCalls(async () => (first = await rt.create("Organization", inputs)))).toEqual([
      "POST /api/v1/organizations 0",
      "GET /api/v1/organizations:external/lost-co 200",
      "PATCH /api/v1/organizations/{org}/settings 200",
    ]);
    expect((await client.organizations.listPage({ externalId: "lost-co" })).organizations.map((organization) => organization.id)).toEqual([first.id]);

    // The next `up` after an interrupted one creates again: it finds the organization instead of duplicating it.
    const second = await rt.create("Organization", inputs);
    expect(second.id).toBe(first.id);
    expect((await client.organizations.listPage({ externalId: "lost-co" })).organizations).toHaveLength(1);
    await client.close();
  });

  test("SSOConnection with a keyId: the retry finds the committed shell and configures it; a second create adopts it", async () => {
    const rt = configureRuntime(env.emulator);
    const client = clientFor(env.emulator);
    const organizationId = (await client.organizations.create({ display_name: "Lost Connection Co" })).id;
    const { inputs } = await rt.check("SSOConnection", {}, {
      organizationId, provider: "OKTA", keyId: "lost-co-okta", saml: { metadataUrl: "https://lost.okta.com/metadata" }, validateIdp: false,
    });

    env.emulator.scriptFault({ kind: "lost-response", method: "POST", path: /\/connections$/ });
    let first!: { id: string; outs: any };
    expect(await apiCalls(async () => (first = await rt.create("SSOConnection", inputs)))).toEqual([
      "POST /api/v1/organizations/{org}/connections 0",
      "GET /api/v1/connections 200",
      "GET /api/v1/organizations/{org}/connections/{conn} 200",
      "PATCH /api/v1/organizations/{org}/connections/{conn} 200",
      "PATCH /api/v1/organizations/{org}/connections/{conn}:enable 200",
    ]);
    expect(first.outs).toMatchObject({ enabled: true, status: "COMPLETED" });
    expect(await client.connections.list({ organizationId, includeAll: true })).toHaveLength(1);

    const second = await rt.create("SSOConnection", inputs);
    expect(second.id).toBe(first.id);
    expect(await client.connections.list({ organizationId, includeAll: true })).toHaveLength(1);
    await client.close();
  });

  test("SSOConnection without a keyId: the retry adopts the single fresh shell", async () => {
    const rt = configureRuntime(env.emulator);
    const client = clientFor(env.emulator);
    const organizationId = (await client.organizations.create({ display_name: "Keyless Co" })).id;
    const { inputs } = await rt.check("SSOConnection", {}, { organizationId, provider: "GOOGLE", saml: { metadataUrl: "https://accounts.google.com/o/saml2/idp?idpid=x" }, validateIdp: false });
    env.emulator.scriptFault({ kind: "lost-response", method: "POST", path: /\/connections$/ });
    await rt.create("SSOConnection", inputs);
    expect(await client.connections.list({ organizationId, includeAll: true })).toHaveLength(1);
    await client.close();
  });

  test("Domain: the retry finds the committed domain", async () => {
    const rt = configureRuntime(env.emulator);
    const client = clientFor(env.emulator);
    const organizationId = (await client.organizations.create({ display_name: "Lost Domain Co" })).id;
    const { inputs } = await rt.check("Domain", {}, { organizationId, domain: "lost-domain.com" });
    env.emulator.scriptFault({ kind: "lost-response", method: "POST", path: /\/domains$/ });
    const created = await rt.create("Domain", inputs);
    const domains = await client.domains.listPage(organizationId);
    expect(domains.map((domain) => `${organizationId}/${domain.id}`)).toEqual([created.id]);
    await client.close();
  });
});
