import { apiCallsOf } from "../helpers/api-calls";
import { useEmulator } from "../helpers/emulator";
import { captureWarnings, configureRuntime, runtime } from "../helpers/runtime";

const env = useEmulator();
const warnings = captureWarnings();
afterAll(() => runtime.closeClients());
const apiCalls = (action: () => Promise<unknown>) => apiCallsOf(env.emulator, action);

async function organizationWith(displayName: string, features?: Record<string, boolean>): Promise<string> {
  const rt = configureRuntime(env.emulator);
  return (await rt.create("Organization", (await rt.check("Organization", {}, { displayName, features })).inputs)).id;
}

describe("AdminPortalLink lifecycle against the emulator", () => {
  test("create → read (no API call) → fresh link via triggers → revoke on delete, 404 tolerated", async () => {
    const rt = configureRuntime(env.emulator);
    const organizationId = await organizationWith("Portal Co", { sso: true, dir_sync: true });
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
    expect(warnings.messages).toContainEqual(expect.stringMatching(new RegExp(`admin portal link lnk_\\d+ of ${organizationId} could not be revoked \\(404 NOT_FOUND\\); it is already unusable`)));
    expect((await fetch(replacement.outs.location)).status).toBe(200);
  });

  test.each`
    answer                   | fault                  | id
    ${"400 (an id form this environment refuses)"} | ${undefined}            | ${"12345"}
    ${"403"}                 | ${"permission-denied"} | ${"lnk_1"}
    ${"404 (a UUID link id)"} | ${undefined}          | ${"6c1f0a52-9b1e-4c6a-8d0e-5f4b7a6c9e21"}
    ${"410"}                 | ${"gone"}              | ${"lnk_2"}
  `("a revoke answered $answer means the link is already unusable: a warning, and the resource is gone", async ({ fault, id }) => {
    const rt = configureRuntime(env.emulator);
    const organizationId = await organizationWith("Lapsed Co", { sso: true });
    if (fault) env.emulator.scriptFault({ kind: fault, method: "DELETE", path: /\/portal_links\// });
    await expect(rt.delete("AdminPortalLink", `${organizationId}/${id}`, {})).resolves.toBeUndefined();
    expect(warnings.messages).toContainEqual(expect.stringContaining(`admin portal link ${id} of ${organizationId} could not be revoked`));
  });

  test("a revoke failing otherwise (500) fails the delete, so the link stays in the stack", async () => {
    const rt = configureRuntime(env.emulator);
    const organizationId = await organizationWith("Failing Co", { sso: true });
    env.emulator.scriptFault({ kind: "internal", method: "DELETE", path: /\/portal_links\// });
    await expect(rt.delete("AdminPortalLink", `${organizationId}/lnk_3`, {})).rejects.toThrow(/500 INTERNAL/);
  });

  test("a link for a feature the organization has not enabled is refused by Scalekit, naming the feature", async () => {
    const rt = configureRuntime(env.emulator);
    const organizationId = await organizationWith("No Sync Co", { sso: true });
    const { inputs } = await rt.check("AdminPortalLink", {}, { organizationId, features: ["sso", "dir_sync"] });
    await expect(rt.create("AdminPortalLink", inputs)).rejects.toThrow(
      /PUT \/api\/v1\/organizations\/org_\d+\/portal_links failed \(400 INVALID_ARGUMENT\).*the dir_sync feature is not enabled.*set features \{ dir_sync: true, sso: true \} on the Organization \(a Tenant does this for you\)/,
    );
  });
});
