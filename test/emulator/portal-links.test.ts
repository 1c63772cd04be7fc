import { createOrganization, expectApiError, startSession, type Session } from "./support";

let session: Session;
let orgId: string;
beforeAll(async () => {
  session = await startSession({ portalLinkTtlSeconds: 1 });
  orgId = (await createOrganization(session, { display_name: "Portal Org" })).id;
  await enableFeatures(orgId, { sso: true, dir_sync: true });
});

function enableFeatures(organizationId: string, features: Record<string, boolean>) {
  return session.call("PATCH", `/api/v1/organizations/${organizationId}/settings`, { features: Object.entries(features).map(([name, enabled]) => ({ name, enabled })) });
}
afterAll(() => session.emulator.close());

const generate = (query = "") => session.call("PUT", `/api/v1/organizations/${orgId}/portal_links${query}`);

describe("admin portal links", () => {
  it("generates a link (200) with an lnk_ id, a magicLink location and an expiry", async () => {
    const before = Date.now();
    const res = await generate("?features=sso&features=dir_sync");
    expect(res.status).toBe(200);
    const link = res.json.link;
    expect(link.id).toMatch(/^lnk_\d{17}$/);
    expect(link.location).toMatch(new RegExp(`^${session.emulator.url}/magicLink/[0-9a-f-]{36}$`));
    const expires = Date.parse(link.expire_time);
    expect(expires).toBeGreaterThanOrEqual(before + 1000 - 5);
    expect(expires).toBeLessThanOrEqual(Date.now() + 1000 + 5);
  });

  it("is single use: the first open is 200, the second 410", async () => {
    const { link } = (await generate("?features=sso")).json;
    const first = await fetch(link.location);
    expect(first.status).toBe(200);
    expect(await first.text()).toContain("Portal Org");
    expect((await fetch(link.location)).status).toBe(410);
  });

  it("expires after its lifetime", async () => {
    const { link } = (await generate()).json;
    await new Promise((resolve) => setTimeout(resolve, 1100));
    expect((await fetch(link.location)).status).toBe(410);
  });

  it("can be revoked: {} then 410 on open, 404 on a second revoke", async () => {
    const { link } = (await generate()).json;
    const path = `/api/v1/organizations/${orgId}/portal_links/${link.id}`;
    const revoked = await session.call("DELETE", path);
    expect(revoked.status).toBe(200);
    expect(revoked.json).toEqual({});
    expect((await fetch(link.location)).status).toBe(410);
    expectApiError(await session.call("DELETE", path), { status: 404, code: 5, errorCode: "NOT_FOUND" });
  });

  it("answers 404 for unknown links and unknown magic-link tokens", async () => {
    expectApiError(await session.call("DELETE", `/api/v1/organizations/${orgId}/portal_links/lnk_123`), { status: 404, code: 5, errorCode: "NOT_FOUND" });
    expect((await fetch(`${session.emulator.url}/magicLink/00000000-0000-4000-8000-000000000000`)).status).toBe(404);
  });

  it.each([
    ["an unknown feature", "?features=sso&features=directory_sync", orgId, "features"],
    ["a non-org id", "", "acme", "id"],
  ])("generation refuses %s", async (_label, query, id, field) => {
    expectApiError(await session.call("PUT", `/api/v1/organizations/${id}/portal_links${query}`), { status: 400, code: 3, errorCode: "INVALID_ARGUMENT", field });
  });

  it("refuses to revoke a link id that is neither lnk_… nor a UUID; a UUID it does not know is 404", async () => {
    expectApiError(await session.call("DELETE", `/api/v1/organizations/${orgId}/portal_links/123`), { status: 400, code: 3, errorCode: "INVALID_ARGUMENT", field: "link_id" });
    expectApiError(await session.call("DELETE", `/api/v1/organizations/${orgId}/portal_links/2f1c3a52-9b1e-4c6a-8d0e-5f4b7a6c9e21`), { status: 404, code: 5, errorCode: "NOT_FOUND" });
  });

  it("refuses a link for a feature the organization has not enabled, naming the feature", async () => {
    const other = (await createOrganization(session, { display_name: "Bare Org" })).id;
    const refused = await session.call("PUT", `/api/v1/organizations/${other}/portal_links?features=sso`);
    expectApiError(refused, { status: 400, code: 3, errorCode: "INVALID_ARGUMENT", field: "features" });
    expect(refused.json.message).toMatch(/the sso feature is not enabled for organization org_\d+/);

    await enableFeatures(other, { sso: true });
    const dirSync = await session.call("PUT", `/api/v1/organizations/${other}/portal_links?features=sso&features=dir_sync`);
    expect(dirSync.json.message).toMatch(/the dir_sync feature is not enabled/);
    expect((await session.call("PUT", `/api/v1/organizations/${other}/portal_links?features=sso`)).status).toBe(200);
  });

  it("without features, opens what the organization has enabled", async () => {
    const other = (await createOrganization(session, { display_name: "Sso Only Org" })).id;
    await enableFeatures(other, { sso: true, dir_sync: false });
    const { link } = (await session.call("PUT", `/api/v1/organizations/${other}/portal_links`)).json;
    expect(await (await fetch(link.location)).text()).toContain("Features: sso<");
  });

  it("answers 404 for an unknown organization", async () => {
    expectApiError(await session.call("PUT", "/api/v1/organizations/org_404/portal_links"), { status: 404, code: 5, errorCode: "NOT_FOUND" });
  });
});
