import { apiCallsOf } from "../helpers/api-calls";
import { clientFor, useEmulator } from "../helpers/emulator";
import { captureWarnings, configureRuntime, runtime } from "../helpers/runtime";

const env = useEmulator();
const warnings = captureWarnings();
afterAll(() => runtime.closeClients());
const apiCalls = (action: () => Promise<unknown>) => apiCallsOf(env.emulator, action);

describe("McpServer lifecycle against the emulator", () => {
  test("check → create → read (no drift) → update in place → out-of-band edit is drift → delete, 404 tolerated", async () => {
    const rt = configureRuntime(env.emulator);
    const { inputs, failures } = await rt.check("McpServer", {}, {
      name: "Notes",
      serverUrl: "https://notes.example.test/mcp",
      scopes: ["notes:write", "notes:read", "notes:read"],
      accessTokenLifetimeSeconds: 900,
    });
    expect(failures).toEqual([]);
    expect(inputs).toEqual({ name: "Notes", serverUrl: "https://notes.example.test/mcp", scopes: ["notes:read", "notes:write"], accessTokenLifetimeSeconds: 900, dynamicClientRegistration: true });

    let created!: { id: string; outs: any };
    expect(await apiCalls(async () => (created = await rt.create("McpServer", inputs)))).toEqual(["POST /api/v1/resources 201"]);
    const url = env.emulator.url;
    expect(created.id).toMatch(/^res_\d{17}$/);
    expect(created.outs).toEqual({
      ...inputs,
      resourceId: created.id,
      authorizationServerUrl: `${url}/resources/${created.id}`,
      authorizationServerMetadataUrl: `${url}/.well-known/oauth-authorization-server/resources/${created.id}`,
      protectedResourceMetadataUrl: "https://notes.example.test/.well-known/oauth-protected-resource/mcp",
      createTime: expect.any(String),
    });
    // The URLs the resource outputs are the ones the authorization server answers at.
    const metadata = await (await fetch(created.outs.authorizationServerMetadataUrl)).json();
    expect(metadata).toMatchObject({ issuer: created.outs.authorizationServerUrl, scopes_supported: ["notes:read", "notes:write"] });
    expect(env.emulator.mcp.getResource(created.id)).toMatchObject({ resourceUrl: "https://notes.example.test/mcp", accessTokenTtlSeconds: 900 });

    let read!: any;
    expect(await apiCalls(async () => (read = await rt.read("McpServer", created.id, created.outs)))).toEqual(["GET /api/v1/resources/{res} 200"]);
    expect(read).toEqual({ id: created.id, props: created.outs, inputs });
    expect(await rt.diff("McpServer", created.id, created.outs, inputs)).toEqual({ changes: false, replaces: [] });

    const changed = { ...inputs, scopes: ["notes:admin", "notes:read"], dynamicClientRegistration: false, serverUrl: "https://notes2.example.test/mcp" };
    expect(await rt.diff("McpServer", created.id, created.outs, changed)).toEqual({ changes: true, replaces: [] });
    let updated!: { outs: any };
    expect(await apiCalls(async () => (updated = await rt.update("McpServer", created.id, created.outs, changed)))).toEqual(["PATCH /api/v1/resources/{res} 200"]);
    expect(updated.outs).toMatchObject({ ...changed, resourceId: created.id, protectedResourceMetadataUrl: "https://notes2.example.test/.well-known/oauth-protected-resource/mcp" });
    // An update with nothing to write (a new provider version): no call, the same outputs.
    let unchanged!: { outs: any };
    expect(await apiCalls(async () => (unchanged = await rt.update("McpServer", created.id, updated.outs, changed)))).toEqual([]);
    expect(unchanged.outs).toEqual(updated.outs);
    const registration = await (await fetch(`${url}/.well-known/oauth-authorization-server/resources/${created.id}`)).json();
    expect(registration).not.toHaveProperty("registration_endpoint");

    const client = clientFor(env.emulator);
    await client.resources.update(created.id, { name: "Renamed in the dashboard", access_token_expiry: 300 });
    const drifted = await rt.read("McpServer", created.id, updated.outs);
    expect(drifted.inputs).toMatchObject({ name: "Renamed in the dashboard", accessTokenLifetimeSeconds: 300 });
    expect(await rt.diff("McpServer", created.id, drifted.props, changed)).toEqual({ changes: true, replaces: [] });

    expect(await apiCalls(() => rt.delete("McpServer", created.id, updated.outs))).toEqual(["DELETE /api/v1/resources/{res} 200"]);
    expect(await rt.read("McpServer", created.id, updated.outs)).toEqual({});
    expect(warnings.messages).toContainEqual(expect.stringContaining(`MCP server ${created.id} no longer exists in Scalekit`));
    expect(await apiCalls(() => rt.delete("McpServer", created.id, updated.outs))).toEqual(["DELETE /api/v1/resources/{res} 404"]);
    await client.close();
  });

  test("a server already registered for the same URL (in the dashboard, or by an interrupted up) is adopted and converged", async () => {
    const rt = configureRuntime(env.emulator);
    const existing = env.emulator.mcp.registerResource({ resourceUrl: "https://adopted.example.test/mcp", displayName: "Old name", scopes: ["notes:read"] });
    const { inputs } = await rt.check("McpServer", {}, { name: "Adopted", serverUrl: "https://adopted.example.test/mcp", scopes: ["notes:read", "notes:write"] });
    let adopted!: { id: string; outs: any };
    expect(await apiCalls(async () => (adopted = await rt.create("McpServer", inputs)))).toEqual([
      "POST /api/v1/resources 409",
      "GET /api/v1/resources 200",
      "PATCH /api/v1/resources/{res} 200",
    ]);
    expect(adopted.id).toBe(existing.id);
    expect(warnings.messages).toContainEqual(expect.stringContaining(`MCP server https://adopted.example.test/mcp is already registered with Scalekit (${existing.id}); adopting it`));
    expect(env.emulator.mcp.getResource(existing.id)).toMatchObject({ displayName: "Adopted", scopes: ["notes:read", "notes:write"] });
  });

  test("a create whose response was lost is found by its URL, not registered twice", async () => {
    const rt = configureRuntime(env.emulator);
    const { inputs } = await rt.check("McpServer", {}, { name: "Lost", serverUrl: "https://lost.example.test/mcp" });
    env.emulator.scriptFault({ kind: "lost-response", method: "POST", path: "/api/v1/resources" });
    const created = await rt.create("McpServer", inputs);
    const registered = [];
    for await (const resource of clientFor(env.emulator).resources.listMcpServers()) if (resource.resource_id === "https://lost.example.test/mcp") registered.push(resource.id);
    expect(registered).toEqual([created.id]);
  });

  test.each`
    inputs                                                                                    | property                        | reason
    ${{ name: "", serverUrl: "https://x.test/mcp" }}                                          | ${"name"}                       | ${"must not be empty"}
    ${{ name: "X", serverUrl: "http://x.test/mcp" }}                                          | ${"serverUrl"}                  | ${"https"}
    ${{ name: "X", serverUrl: "https://x.test/mcp#a" }}                                       | ${"serverUrl"}                  | ${"fragment"}
    ${{ name: "X", serverUrl: "https://x.test/mcp", scopes: ["notes read"] }}                 | ${"scopes.0"}                   | ${"letters, digits or colons"}
    ${{ name: "X", serverUrl: "https://x.test/mcp", accessTokenLifetimeSeconds: 30 }}         | ${"accessTokenLifetimeSeconds"} | ${"at least 60 seconds"}
    ${{ name: "X", serverUrl: "https://x.test/mcp", clientId: "y" }}                          | ${""}                           | ${"clientId"}
  `("check refuses $inputs at $property, before any API call", async ({ inputs, property, reason }) => {
    const rt = configureRuntime(env.emulator);
    let outcome!: { failures: Array<{ property: string; reason: string }> };
    expect(await apiCalls(async () => (outcome = await rt.check("McpServer", {}, inputs)))).toEqual([]);
    expect(outcome.failures).toContainEqual({ property, reason: expect.stringContaining(reason) });
  });
});
