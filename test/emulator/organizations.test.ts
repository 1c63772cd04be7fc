import { createOrganization, expectApiError, startSession, type Session } from "./support";

let session: Session;
beforeAll(async () => {
  session = await startSession();
});
afterAll(() => session.emulator.close());

describe("organization CRUD", () => {
  it("creates with 201 and reads it back by id and by external id", async () => {
    const res = await session.call("POST", "/api/v1/organizations", {
      display_name: "Looney Corp",
      external_id: "looney-1",
      metadata: { tier: "gold" },
      slug: "looney",
      logo_url: "https://cdn.example.com/logo.png",
    });
    expect(res.status).toBe(201);
    const org = res.json.organization;
    expect(org).toMatchObject({
      id: expect.stringMatching(/^org_\d{17}$/),
      display_name: "Looney Corp",
      external_id: "looney-1",
      metadata: { tier: "gold" },
      slug: "looney",
      logo_url: "https://cdn.example.com/logo.png",
      region_code: "US",
      settings: { features: [] },
    });
    expect(Date.parse(org.create_time)).not.toBeNaN();

    const byId = await session.call("GET", `/api/v1/organizations/${org.id}`);
    expect(byId.status).toBe(200);
    expect(byId.json.organization).toEqual(org);

    const byExternal = await session.call("GET", "/api/v1/organizations:external/looney-1");
    expect(byExternal.status).toBe(200);
    expect(byExternal.json.organization.id).toBe(org.id);
  });

  it("omits unset optional fields", async () => {
    const org = await createOrganization(session, { display_name: "Plain" });
    expect(org).not.toHaveProperty("external_id");
    expect(org).not.toHaveProperty("slug");
    expect(org).not.toHaveProperty("logo_url");
    expect(org.metadata).toEqual({});
  });

  it("PATCH changes only the keys present, and slug \"\" clears the slug", async () => {
    const org = await createOrganization(session, { display_name: "Patchy", slug: "patchy", external_id: "patchy-1", metadata: { owner: "ops" } });
    const renamed = await session.call("PATCH", `/api/v1/organizations/${org.id}`, { display_name: "Patchy Inc" });
    expect(renamed.status).toBe(200);
    expect(renamed.json.organization).toMatchObject({ display_name: "Patchy Inc", slug: "patchy", external_id: "patchy-1", metadata: { owner: "ops" } });

    const cleared = await session.call("PATCH", `/api/v1/organizations/${org.id}`, { slug: "", metadata: { team: "core" } });
    expect(cleared.status).toBe(200);
    expect(cleared.json.organization).not.toHaveProperty("slug");
    expect(cleared.json.organization.metadata).toEqual({ team: "core" });
    expect(cleared.json.organization.display_name).toBe("Patchy Inc");
  });

  it("merges feature settings by name", async () => {
    const org = await createOrganization(session, { display_name: "Featured" });
    const first = await session.call("PATCH", `/api/v1/organizations/${org.id}/settings`, {
      features: [{ name: "sso", enabled: true }, { name: "dir_sync", enabled: false }],
    });
    expect(first.status).toBe(200);
    const second = await session.call("PATCH", `/api/v1/organizations/${org.id}/settings`, {
      features: [{ name: "dir_sync", enabled: true }],
    });
    expect(second.json.organization.settings.features).toEqual([
      { name: "sso", enabled: true },
      { name: "dir_sync", enabled: true },
    ]);
  });

  it("deletes with {} and cascades to domains, connections and portal links", async () => {
    const org = await createOrganization(session, { display_name: "Doomed" });
    const domain = await session.call("POST", `/api/v1/organizations/${org.id}/domains`, { domain: "doomed.example" });
    const conn = await session.call("POST", `/api/v1/organizations/${org.id}/connections`, { provider: "OKTA", type: "SAML" });
    const link = await session.call("PUT", `/api/v1/organizations/${org.id}/portal_links`);
    expect([domain.status, conn.status, link.status]).toEqual([200, 201, 200]);

    const del = await session.call("DELETE", `/api/v1/organizations/${org.id}`);
    expect(del.status).toBe(200);
    expect(del.json).toEqual({});
    expectApiError(await session.call("GET", `/api/v1/organizations/${org.id}`), { status: 404, code: 5, errorCode: "NOT_FOUND" });
    const connections = await session.call("GET", "/api/v1/connections?include=all");
    expect(connections.json.connections.map((c: { id: string }) => c.id)).not.toContain(conn.json.connection.id);
    // The domain is free again.
    const other = await createOrganization(session, { display_name: "Heir" });
    expect((await session.call("POST", `/api/v1/organizations/${other.id}/domains`, { domain: "doomed.example" })).status).toBe(200);
    expect((await fetch(link.json.link.location)).status).toBe(404);
    expectApiError(await session.call("DELETE", `/api/v1/organizations/${org.id}`), { status: 404, code: 5, errorCode: "NOT_FOUND" });
  });
});

describe("organization list", () => {
  let fresh: Session;
  beforeAll(async () => {
    fresh = await startSession({ seed: 11 });
    for (let i = 0; i < 23; i++) await createOrganization(fresh, { display_name: `Tenant ${i}`, external_id: `tenant-${i}` });
  });
  afterAll(() => fresh.emulator.close());

  it("pages with opaque next/prev tokens and a total", async () => {
    const seen: string[] = [];
    let token = "";
    let pages = 0;
    do {
      const res = await fresh.call("GET", `/api/v1/organizations?page_size=10${token ? `&page_token=${encodeURIComponent(token)}` : ""}`);
      expect(res.status).toBe(200);
      expect(res.json.total_size).toBe(23);
      expect(res.json.prev_page_token === "").toBe(pages === 0);
      seen.push(...res.json.organizations.map((o: { display_name: string }) => o.display_name));
      token = res.json.next_page_token;
      pages++;
    } while (token);
    expect(pages).toBe(3);
    expect(seen).toEqual(Array.from({ length: 23 }, (_, i) => `Tenant ${i}`));
  });

  it("goes back with prev_page_token", async () => {
    const first = await fresh.call("GET", "/api/v1/organizations?page_size=10");
    const second = await fresh.call("GET", `/api/v1/organizations?page_size=10&page_token=${first.json.next_page_token}`);
    const back = await fresh.call("GET", `/api/v1/organizations?page_size=10&page_token=${second.json.prev_page_token}`);
    expect(back.json.organizations).toEqual(first.json.organizations);
  });

  it("filters by external_id", async () => {
    const res = await fresh.call("GET", "/api/v1/organizations?external_id=tenant-5");
    expect(res.json.total_size).toBe(1);
    expect(res.json.organizations[0].display_name).toBe("Tenant 5");
  });

  it.each([
    ["garbage", "page_token=not-a-token"],
    ["a token from another list", `page_token=${Buffer.from(JSON.stringify({ o: 10, s: "domains" })).toString("base64url")}`],
  ])("refuses a bad page token (%s) with 400", async (_label, query) => {
    expectApiError(await fresh.call("GET", `/api/v1/organizations?${query}`), {
      status: 400, code: 3, errorCode: "INVALID_ARGUMENT", field: "page_token",
    });
  });

  it.each(["page_size=5", "page_size=101", "page_size=ten"])("refuses %s", async (query) => {
    expectApiError(await fresh.call("GET", `/api/v1/organizations?${query}`), {
      status: 400, code: 3, errorCode: "INVALID_ARGUMENT", field: "page_size",
    });
  });
});

describe("organization rules", () => {
  const long = (n: number) => "x".repeat(n);
  const metadata11 = Object.fromEntries(Array.from({ length: 11 }, (_, i) => [`key${i}`, "v"]));

  it.each([
    ["display_name missing", {}, "display_name"],
    ["display_name empty", { display_name: "" }, "display_name"],
    ["display_name 201 chars", { display_name: long(201) }, "display_name"],
    ["display_name not a string", { display_name: 42 }, "display_name"],
    ["metadata 11 pairs", { display_name: "A", metadata: metadata11 }, "metadata"],
    ["metadata key too short", { display_name: "A", metadata: { ab: "v" } }, "metadata.ab"],
    ["metadata key too long", { display_name: "A", metadata: { [long(26)]: "v" } }, `metadata.${long(26)}`],
    ["metadata value empty", { display_name: "A", metadata: { key: "" } }, "metadata.key"],
    ["metadata value too long", { display_name: "A", metadata: { key: long(257) } }, "metadata.key"],
    ["metadata value not a string", { display_name: "A", metadata: { key: 1 } }, "metadata.key"],
    ["slug uppercase", { display_name: "A", slug: "Acme" }, "slug"],
    ["slug leading hyphen", { display_name: "A", slug: "-acme" }, "slug"],
    ["slug empty on create", { display_name: "A", slug: "" }, "slug"],
    ["logo_url not https", { display_name: "A", logo_url: "http://x.example/logo.png" }, "logo_url"],
    ["logo_url too long", { display_name: "A", logo_url: `https://x.example/${long(1010)}` }, "logo_url"],
    ["unknown field", { display_name: "A", displayName: "camel" }, "displayName"],
    ["region_code unknown", { display_name: "A", region_code: "APAC" }, "region_code"],
  ])("create refuses %s", async (_label, body, field) => {
    expectApiError(await session.call("POST", "/api/v1/organizations", body), { status: 400, code: 3, errorCode: "INVALID_ARGUMENT", field });
  });

  it("refuses a body that is not JSON", async () => {
    expectApiError(await session.call("POST", "/api/v1/organizations", "{nope"), { status: 400, code: 3, errorCode: "INVALID_ARGUMENT" });
  });

  it.each([
    ["display_name empty", { display_name: "" }, "display_name"],
    ["slug invalid", { slug: "a..b" }, "slug"],
    ["logo_url not https", { logo_url: "ftp://x" }, "logo_url"],
    ["region_code (not updatable)", { region_code: "EU" }, "region_code"],
    ["unknown field", { settings: {} }, "settings"],
  ])("update refuses %s", async (_label, body, field) => {
    const org = await createOrganization(session, { display_name: "Target" });
    expectApiError(await session.call("PATCH", `/api/v1/organizations/${org.id}`, body), { status: 400, code: 3, errorCode: "INVALID_ARGUMENT", field });
  });

  it("refuses a duplicate external_id with 409 ALREADY_EXISTS, on create and on update", async () => {
    await createOrganization(session, { display_name: "First", external_id: "dup-ext" });
    expectApiError(await session.call("POST", "/api/v1/organizations", { display_name: "Second", external_id: "dup-ext" }), {
      status: 409, code: 6, errorCode: "ALREADY_EXISTS", field: "external_id",
    });
    const other = await createOrganization(session, { display_name: "Third" });
    expectApiError(await session.call("PATCH", `/api/v1/organizations/${other.id}`, { external_id: "dup-ext" }), {
      status: 409, code: 6, errorCode: "ALREADY_EXISTS", field: "external_id",
    });
  });

  it("refuses a duplicate slug, but an organization may keep its own", async () => {
    const first = await createOrganization(session, { display_name: "Slugged", slug: "dup-slug" });
    expectApiError(await session.call("POST", "/api/v1/organizations", { display_name: "Again", slug: "dup-slug" }), {
      status: 409, code: 6, errorCode: "ALREADY_EXISTS", field: "slug",
    });
    expect((await session.call("PATCH", `/api/v1/organizations/${first.id}`, { slug: "dup-slug" })).status).toBe(200);
  });

  it.each([
    ["an unknown feature name", { features: [{ name: "directory_sync", enabled: true }] }, "features[0].name"],
    ["a missing enabled flag", { features: [{ name: "sso" }] }, "features[0].enabled"],
    ["an unknown field", { features: [], sso: true }, "sso"],
  ])("settings refuses %s", async (_label, body, field) => {
    const org = await createOrganization(session, { display_name: "Settings" });
    expectApiError(await session.call("PATCH", `/api/v1/organizations/${org.id}/settings`, body), {
      status: 400, code: 3, errorCode: "INVALID_ARGUMENT", field,
    });
  });

  it("answers 404 for unknown organizations and external ids", async () => {
    const notFound = { status: 404, code: 5, errorCode: "NOT_FOUND" };
    expectApiError(await session.call("GET", "/api/v1/organizations/org_1"), notFound);
    expectApiError(await session.call("PATCH", "/api/v1/organizations/org_1", { display_name: "X" }), notFound);
    expectApiError(await session.call("PATCH", "/api/v1/organizations/org_1/settings", { features: [] }), notFound);
    expectApiError(await session.call("GET", "/api/v1/organizations:external/nobody"), notFound);
  });

  it("refuses an id query parameter on the external-id lookup (the oneof takes id)", async () => {
    expectApiError(await session.call("GET", "/api/v1/organizations:external/x?id=org_1"), { status: 400, code: 3, errorCode: "INVALID_ARGUMENT" });
  });

  it("refuses unknown query parameters", async () => {
    expectApiError(await session.call("GET", "/api/v1/organizations?pageSize=10"), { status: 400, code: 3, errorCode: "INVALID_ARGUMENT", field: "pageSize" });
  });
});

describe("routing", () => {
  it("answers unknown routes with 404 in the error shape and wrong methods with 405", async () => {
    expectApiError(await session.call("GET", "/api/v1/nothing-here"), { status: 404, code: 5, errorCode: "NOT_FOUND" });
    expectApiError(await session.call("PUT", "/api/v1/organizations"), { status: 405, code: 12, errorCode: "UNIMPLEMENTED" });
  });
});
