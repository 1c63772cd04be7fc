import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startEmulator } from "../../emulator";
import { fetchToken, send } from "./support";

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "scalekit-emulator-"));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("dataFile", () => {
  it("keeps records, credentials, signing keys and tokens across a restart", async () => {
    const dataFile = join(dir, "env.db");
    const first = await startEmulator({ dataFile });
    const token = await fetchToken(first);
    const auth = { authorization: `Bearer ${token}` };
    const created = await send(first.url, "POST", "/api/v1/organizations", { display_name: "Durable", external_id: "durable-1" }, auth);
    const orgId = created.json.organization.id;
    await send(first.url, "POST", `/api/v1/organizations/${orgId}/domains`, { domain: "durable.example" }, auth);
    const { clientId, clientSecret } = first;
    const kids = (await (await fetch(`${first.url}/keys`)).json()).keys;
    await first.close();

    const second = await startEmulator({ dataFile, port: 0 });
    try {
      expect([second.clientId, second.clientSecret]).toEqual([clientId, clientSecret]);
      expect((await (await fetch(`${second.url}/keys`)).json()).keys).toEqual(kids);
      const fresh = { authorization: `Bearer ${await fetchToken(second)}` };
      const read = await send(second.url, "GET", `/api/v1/organizations/${orgId}`, undefined, fresh);
      expect(read.status).toBe(200);
      expect(read.json.organization).toEqual(created.json.organization);
      const domains = await send(second.url, "GET", `/api/v1/organizations/${orgId}/domains`, undefined, fresh);
      expect(domains.json.domains.map((d: { domain: string }) => d.domain)).toEqual(["durable.example"]);
      // New ids keep counting instead of repeating the first run's.
      const next = await send(second.url, "POST", "/api/v1/organizations", { display_name: "Second run" }, fresh);
      expect(next.json.organization.id).not.toBe(orgId);
    } finally {
      await second.close();
    }
  });

  it("accepts a token issued before the restart when the URL is the same", async () => {
    const dataFile = join(dir, "tokens.db");
    const first = await startEmulator({ dataFile });
    const port = Number(new URL(first.url).port);
    const token = await fetchToken(first);
    await first.close();
    const second = await startEmulator({ dataFile, port });
    try {
      const res = await send(second.url, "GET", "/api/v1/organizations", undefined, { authorization: `Bearer ${token}` });
      expect(res.status).toBe(200);
    } finally {
      await second.close();
    }
  });

  it("stores explicitly given credentials", async () => {
    const dataFile = join(dir, "explicit.db");
    const first = await startEmulator({ dataFile, clientId: "skc_given", clientSecret: "given-secret" });
    await first.close();
    const second = await startEmulator({ dataFile });
    try {
      expect([second.clientId, second.clientSecret]).toEqual(["skc_given", "given-secret"]);
      await expect(fetchToken(second)).resolves.toEqual(expect.any(String));
    } finally {
      await second.close();
    }
  });
});

describe("seed", () => {
  it("makes ids deterministic, but every secret comes from a CSPRNG: client secret, portal link, TXT value, M2M secret", async () => {
    const runs: Array<{ ids: string[]; kid: string; secrets: string[] }> = [];
    for (let i = 0; i < 2; i++) {
      const emulator = await startEmulator({ seed: 99, domainVerification: "DNS" });
      try {
        const auth = { authorization: `Bearer ${await fetchToken(emulator)}` };
        const org = (await send(emulator.url, "POST", "/api/v1/organizations", { display_name: "Seeded" }, auth)).json.organization.id;
        await send(emulator.url, "PATCH", `/api/v1/organizations/${org}/settings`, { features: [{ name: "sso", enabled: true }] }, auth);
        const domain = (await send(emulator.url, "POST", `/api/v1/organizations/${org}/domains`, { domain: "seeded.example" }, auth)).json.domain;
        const link = (await send(emulator.url, "PUT", `/api/v1/organizations/${org}/portal_links?features=sso`, undefined, auth)).json.link;
        const resource = emulator.mcp.registerResource({ resourceUrl: "https://seeded.example/mcp", scopes: ["notes:read"] });
        const client = emulator.mcp.createClient({ resourceId: resource.id, organizationId: org });
        runs.push({
          ids: [emulator.clientId, org, domain.id, link.id, resource.id, client.clientId],
          kid: (await (await fetch(`${emulator.url}/keys`)).json()).keys[0].kid,
          secrets: [emulator.clientSecret, link.location, domain.txt_record_secret, client.clientSecret],
        });
      } finally {
        await emulator.close();
      }
    }
    expect(runs[1].ids).toEqual(runs[0].ids);
    expect(runs[1].kid).toBe(runs[0].kid);
    runs[0].secrets.forEach((secret, i) => expect(runs[1].secrets[i]).not.toBe(secret));
  });
});
