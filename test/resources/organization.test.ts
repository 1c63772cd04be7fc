import { apiCallsOf } from "../helpers/api-calls";
import { clientFor, useEmulator } from "../helpers/emulator";
import { captureWarnings, configureRuntime, runtime } from "../helpers/runtime";

const env = useEmulator();
const warnings = captureWarnings();
afterAll(() => runtime.closeClients());

const apiCalls = (action: () => Promise<unknown>) => apiCallsOf(env.emulator, action);

describe("Organization lifecycle against the emulator", () => {
  test("create → read → update → refresh after out-of-band edit and delete → delete", async () => {
    const rt = configureRuntime(env.emulator);
    const { inputs } = await rt.check("Organization", {}, { displayName: "Lifecycle Co", externalId: "lifecycle", metadata: { plan: "gold" }, features: { sso: true } });

    let created!: { id: string; outs: any };
    expect(await apiCalls(async () => (created = await rt.create("Organization", inputs)))).toEqual([
      "POST /api/v1/organizations 201",
      "PATCH /api/v1/organizations/{org}/settings 200",
    ]);
    expect(created.id).toMatch(/^org_/);
    expect(created.outs).toMatchObject({ ...inputs, organizationId: created.id, regionCode: "US" });
    expect(created.outs.createTime).toBeTruthy();

    let read!: any;
    expect(await apiCalls(async () => (read = await rt.read("Organization", created.id, created.outs)))).toEqual(["GET /api/v1/organizations/{org} 200"]);
    expect(read).toEqual({ id: created.id, props: created.outs, inputs });
    expect((await rt.diff("Organization", created.id, read.props, inputs)).changes).toBe(false);

    const renamed = { ...inputs, displayName: "Lifecycle Inc", slug: "lifecycle" };
    expect(await rt.diff("Organization", created.id, created.outs, renamed)).toEqual({ changes: true, replaces: [] });
    let updated!: { outs: any };
    expect(await apiCalls(async () => (updated = await rt.update("Organization", created.id, created.outs, renamed)))).toEqual([
      "PATCH /api/v1/organizations/{org} 200",
    ]);
    expect(updated.outs).toMatchObject({ displayName: "Lifecycle Inc", slug: "lifecycle", organizationId: created.id, createTime: created.outs.createTime });

    const client = clientFor(env.emulator);
    await client.organizations.update(created.id, { display_name: "Renamed in the dashboard", metadata: { plan: "gold", owner: "ops" } });
    const drifted = await rt.read("Organization", created.id, updated.outs);
    expect(drifted.props).toMatchObject({ displayName: "Renamed in the dashboard", metadata: { plan: "gold", owner: "ops" } });
    expect(drifted.inputs).toMatchObject({ displayName: "Renamed in the dashboard" });
    expect((await rt.diff("Organization", created.id, drifted.props!, renamed)).changes).toBe(true);
    expect(await apiCalls(() => rt.update("Organization", created.id, drifted.props!, renamed))).toEqual(["PATCH /api/v1/organizations/{org} 200"]);
    expect(await client.organizations.get(created.id)).toMatchObject({ display_name: "Lifecycle Inc", metadata: { plan: "gold" } });

    await client.organizations.delete(created.id);
    expect(await rt.read("Organization", created.id, updated.outs)).toEqual({});
    expect(warnings.messages).toContainEqual(expect.stringContaining(`organization ${created.id} no longer exists in Scalekit; removing it from the stack state`));
    await client.close();

    expect(await apiCalls(() => rt.delete("Organization", created.id, updated.outs))).toEqual(["DELETE /api/v1/organizations/{org} 404"]);
  });

  test("an update that only carries new provider code makes no API call", async () => {
    const rt = configureRuntime(env.emulator);
    const { inputs } = await rt.check("Organization", {}, { displayName: "Quiet Co" });
    const created = await rt.create("Organization", inputs);
    const diff = await rt.diff("Organization", created.id, { ...created.outs, __provider: "old" }, { ...inputs, __provider: "new" });
    expect(diff).toEqual({ changes: true, replaces: [] });
    let updated!: { outs: any };
    expect(await apiCalls(async () => (updated = await rt.update("Organization", created.id, { ...created.outs, __provider: "old" }, { ...inputs, __provider: "new" })))).toEqual([]);
    expect(updated.outs).toEqual(created.outs);
  });

  test("create adopts the organization that already has the external id, and converges it", async () => {
    const rt = configureRuntime(env.emulator);
    const client = clientFor(env.emulator);
    const existing = await client.organizations.create({ display_name: "Old name", external_id: "adopt-me" });
    const { inputs } = await rt.check("Organization", {}, { displayName: "New name", externalId: "adopt-me" });
    let created!: { id: string; outs: any };
    expect(await apiCalls(async () => (created = await rt.create("Organization", inputs)))).toEqual([
      "POST /api/v1/organizations 409",
      "GET /api/v1/organizations:external/adopt-me 200",
      "PATCH /api/v1/organizations/{org} 200",
    ]);
    expect(created.id).toBe(existing.id);
    expect(warnings.messages).toContainEqual(expect.stringContaining(`organization with externalId "adopt-me" already exists (${existing.id}); adopting it`));
    expect((await client.organizations.get(existing.id)).display_name).toBe("New name");
    await client.close();
  });
});
