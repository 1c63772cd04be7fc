import { calls, clientFor, selfSignedCertificate, useEmulator } from "../helpers/emulator";

const env = useEmulator();

describe("management API client operations against the emulator", () => {
  test("organizations: create, get, get by external id, PATCH, settings PATCH, delete", async () => {
    const client = clientFor(env.emulator);
    const created = await client.organizations.create({ display_name: "Acme", external_id: "acme-ops", metadata: { plan: "gold" }, slug: "acme-ops" });
    expect(created).toMatchObject({ display_name: "Acme", external_id: "acme-ops", metadata: { plan: "gold" }, slug: "acme-ops" });
    expect(created.id).toMatch(/^org_/);

    expect((await client.organizations.get(created.id)).display_name).toBe("Acme");
    expect((await client.organizations.getByExternalId("acme-ops")).id).toBe(created.id);
    expect(await client.organizations.findByExternalId("nobody-has-this")).toBeUndefined();

    const renamed = await client.organizations.update(created.id, { display_name: "Acme Inc" });
    expect(renamed).toMatchObject({ display_name: "Acme Inc", external_id: "acme-ops", slug: "acme-ops" });

    const withSso = await client.organizations.updateSettings(created.id, [{ name: "sso", enabled: true }]);
    expect(withSso.settings?.features).toContainEqual({ name: "sso", enabled: true });

    await client.organizations.delete(created.id);
    await expect(client.organizations.get(created.id)).rejects.toMatchObject({ name: "ApiError", status: 404 });
    await client.close();
  });

  test("organizations: listing follows page tokens", async () => {
    const client = clientFor(env.emulator);
    const ids = new Set<string>();
    for (let index = 0; index < 12; index++) ids.add((await client.organizations.create({ display_name: `Paged ${index}` })).id);
    const first = await client.organizations.listPage({ pageSize: 10 });
    expect(first.organizations).toHaveLength(10);
    expect(first.nextPageToken).toBeTruthy();
    const seen: string[] = [];
    for await (const organization of client.organizations.list(10)) seen.push(organization.id);
    expect(seen.filter((id) => ids.has(id)).sort()).toEqual([...ids].sort());
    expect(new Set(seen).size).toBe(seen.length);
    await client.close();
  });

  test("domains: create, get, list by page number, find by name, delete", async () => {
    const client = clientFor(env.emulator);
    const organization = await client.organizations.create({ display_name: "Domains Inc" });
    const names = ["domains-inc.com", "domains-inc.io", "domains-inc.dev"];
    for (const name of names) await client.domains.create(organization.id, { domain: name, domain_type: "ORGANIZATION_DOMAIN" });
    const page0 = await client.domains.listPage(organization.id, { pageNumber: 0, pageSize: 2 });
    const page1 = await client.domains.listPage(organization.id, { pageNumber: 1, pageSize: 2 });
    expect([...page0, ...page1].map((domain) => domain.domain).sort()).toEqual([...names].sort());

    const found = await client.domains.findByName(organization.id, "DOMAINS-INC.IO");
    expect(found?.domain).toBe("domains-inc.io");
    expect((await client.domains.get(organization.id, found!.id)).domain_type).toBe("ORGANIZATION_DOMAIN");
    await client.domains.delete(organization.id, found!.id);
    expect(await client.domains.findByName(organization.id, "domains-inc.io")).toBeUndefined();
    await client.close();
  });

  test("connections: create shell, configure, list with and without include=all, enable, disable, delete", async () => {
    const client = clientFor(env.emulator);
    const { cert } = await selfSignedCertificate();
    const organization = await client.organizations.create({ display_name: "Connected" });
    const shell = await client.connections.create(organization.id, { provider: "OKTA", type: "SAML" });
    expect(shell).toMatchObject({ provider: "OKTA", type: "SAML", status: "DRAFT", enabled: false });

    const configured = await client.connections.update(organization.id, shell.id, {
      saml_config: { idp_entity_id: "http://www.okta.com/exk1", idp_sso_url: "https://acme.okta.com/sso/saml", idp_certificate: cert },
      attribute_mapping: { email: "user.email" },
    });
    expect(configured.status).toBe("COMPLETED");
    expect(configured.saml_config?.sp_assertion_url).toContain(shell.id);
    expect(configured.saml_config?.idp_certificates?.length).toBe(1);

    expect((await client.connections.list({ organizationId: organization.id })).map((c) => c.id)).not.toContain(shell.id);
    expect((await client.connections.list({ organizationId: organization.id, includeAll: true })).map((c) => c.id)).toContain(shell.id);

    await client.connections.enable(organization.id, shell.id);
    expect((await client.connections.get(organization.id, shell.id)).enabled).toBe(true);
    expect((await client.connections.list({ organizationId: organization.id })).map((c) => c.id)).toContain(shell.id);
    await client.connections.disable(organization.id, shell.id);
    expect((await client.connections.get(organization.id, shell.id)).enabled).toBe(false);

    await client.connections.delete(organization.id, shell.id);
    await expect(client.connections.get(organization.id, shell.id)).rejects.toMatchObject({ name: "ApiError", status: 404 });
    await client.close();
  });

  test("enabling an unconfigured connection is refused with a clear error", async () => {
    const client = clientFor(env.emulator);
    const organization = await client.organizations.create({ display_name: "Draft Only" });
    const shell = await client.connections.create(organization.id, { provider: "OKTA", type: "OIDC" });
    await expect(client.connections.enable(organization.id, shell.id)).rejects.toThrow(/PATCH \/api\/v1\/organizations\/org_\w+\/connections\/conn_\w+:enable failed \(400/);
    await client.close();
  });

  test("portal links: generate with features, revoke, revoke again is a 404", async () => {
    const client = clientFor(env.emulator);
    const organization = await client.organizations.create({ display_name: "Portal" });
    await client.organizations.updateSettings(organization.id, [{ name: "sso", enabled: true }, { name: "dir_sync", enabled: true }]);
    const start = env.emulator.requestLog.length;
    const link = await client.portalLinks.generate(organization.id, ["sso", "dir_sync"]);
    expect(link.id).toMatch(/^lnk_/);
    expect(link.location).toMatch(/^http/);
    expect(Date.parse(link.expire_time)).toBeGreaterThan(Date.now());
    const generate = env.emulator.requestLog.slice(start).find((entry) => entry.method === "PUT")!;
    expect(generate.query).toBe("features=sso&features=dir_sync");

    await client.portalLinks.revoke(organization.id, link.id);
    await expect(client.portalLinks.revoke(organization.id, link.id)).rejects.toMatchObject({ name: "ApiError", status: 404 });
    await client.close();
  });

  test("path parameters are encoded: an id cannot reach another route", async () => {
    const client = clientFor(env.emulator);
    const start = env.emulator.requestLog.length;
    await expect(client.organizations.get("org_1/settings")).rejects.toMatchObject({ name: "ApiError", status: 404 });
    await expect(client.organizations.get("..")).rejects.toThrow(/invalid path parameter/);
    expect(calls(env.emulator, start).filter((line) => line.startsWith("GET"))).toEqual(["GET /api/v1/organizations/org_1%2Fsettings 404"]);
    await client.close();
  });
});
