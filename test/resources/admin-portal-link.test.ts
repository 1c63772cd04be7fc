import { apiCallsOf } from "../helpers/api-calls";
import { useEmulator } from "../helpers/emulator";
import { configureRuntime, runtime } from "../helpers/runtime";

const env = useEmulator();
afterAll(() => runtime.closeClients());
const apiCalls = (action: () => Promise<unknown>) => apiCallsOf(env.emulator, action);

describe("AdminPortalLink lifecycle against the emulator", () => {
  test("create → read (no API call) → fresh link via triggers → revoke on delete, 404 tolerated", async () => {
    const rt = configureRuntime(env.emulator);
    const organizationId = (await rt.create("Organization", (await rt.check("Organization", {}, { displayName: "Portal Co" })).inputs)).id;
    const { inputs } = await rt.check("AdminPortalLink", {}, { organizationId, features: ["sso", "dir_sync"], triggers: { rotation: 1 } });

    let created!: { id: string; outs: any };
    expect(await apiCalls(async () => (created = await rt.create("AdminPortalLink", inputs)))).toEqual(["PUT /api/v1/organizations/{org}/portal_links 200"]);
    expect(created.id).toMatch(new RegExp(`^${organizationId}/lnk_`));
    expect(created.outs).toMatchObject({ ...inputs, linkId: created.id.split("/")[1], location: expect.stringMatching(/^http/) });
    expect(Date.parse(created.outs.expireTime)).toBeGreaterThan(Date.now());

    let read!: any;
    expect(await apiCalls(async () => (read = await rt.read("AdminPortalLink", created.id, created.outs)))).toEqual([]);
    expect(read).toEqual({ id: created.id, props: created.outs, inputs });

    const rotated = { ...inputs, triggers: { rotation: 2 } };
    expect(await rt.diff("AdminPortalLink", created.id, created.outs, rotated)).toEqual({ changes: true, replaces: ["triggers"] });
    const replacement = await rt.create("AdminPortalLink", rotated);
    expect(replacement.outs.location).not.toBe(created.outs.location);

    expect(await apiCalls(() => rt.delete("AdminPortalLink", created.id, created.outs))).toEqual(["DELETE /api/v1/organizations/{org}/portal_links/{lnk} 200"]);
    const opened = await fetch(created.outs.location);
    expect(opened.status).toBe(410);
    expect(await apiCalls(() => rt.delete("AdminPortalLink", created.id, created.outs))).toEqual(["DELETE /api/v1/organizations/{org}/portal_links/{lnk} 404"]);
    expect((await fetch(replacement.outs.location)).status).toBe(200);
  });
});
