import { startHarness, type Harness } from "./server-harness";

let h: Harness;
beforeAll(async () => {
  h = await startHarness((organizations) => ({ ALLOWED_ORGANIZATION_IDS: organizations.acme }));
});
afterAll(() => h?.close());

const tokenFor = async (organizationId: string) => (await h.emulator.mcp.issueToken({ resourceId: h.resource.id, organizationId })).accessToken;

describe("ALLOWED_ORGANIZATION_IDS", () => {
  it("lets the listed organization's users in", async () => {
    const client = await h.connect(await tokenFor(h.organizations.acme));
    expect((await client.listTools()).tools).toHaveLength(3);
  });

  it("refuses a valid token of another organization with 403", async () => {
    await expect(h.connect(await tokenFor(h.organizations.globex))).rejects.toMatchObject({ code: 403 });
    expect(h.responses[h.responses.length - 1].status).toBe(403);
  });
});
