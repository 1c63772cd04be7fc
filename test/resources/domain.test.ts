import { apiCallsOf } from "../helpers/api-calls";
import { startEmulator } from "../../emulator";
import { toOutputs } from "../../provider/resources/domain/mapping";
import { clientFor, useEmulator } from "../helpers/emulator";
import { captureWarnings, configureRuntime, runtime } from "../helpers/runtime";

const env = useEmulator();
const warnings = captureWarnings();
afterAll(() => runtime.closeClients());
const apiCalls = (action: () => Promise<unknown>) => apiCallsOf(env.emulator, action);

async function newOrganization(name: string): Promise<string> {
  const rt = configureRuntime(env.emulator);
  return (await rt.create("Organization", (await rt.check("Organization", {}, { displayName: name })).inputs)).id;
}

describe("Domain lifecycle against the emulator", () => {
  test("create → read → replace (delete first, same name) → refresh after out-of-band delete → delete", async () => {
    const rt = configureRuntime(env.emulator);
    const organizationId = await newOrganization("Domain Co");
    const { inputs } = await rt.check("Domain", {}, { organizationId, domain: "Domain-Co.com" });

    let created!: { id: string; outs: any };
    expect(await apiCalls(async () => (created = await rt.create("Domain", inputs)))).toEqual(["POST /api/v1/organizations/{org}/domains 200"]);
    expect(created.id).toMatch(new RegExp(`^${organizationId}/dom_\\d+$`));
    expect(created.outs).toMatchObject({
      organizationId,
      domain: "domain-co.com",
      domainType: "ORGANIZATION_DOMAIN",
      domainId: created.id.split("/")[1],
      verificationStatus: "VERIFIED",
      verificationMethod: "ADMIN",
    });
    // Admin-verified through the API: nothing to publish.
    expect(created.outs).not.toHaveProperty("dnsRecord");

    let read!: any;
    expect(await apiCalls(async () => (read = await rt.read("Domain", created.id, created.outs)))).toEqual(["GET /api/v1/organizations/{org}/domains/{dom} 200"]);
    expect(read).toEqual({ id: created.id, props: created.outs, inputs });

    // The engine replaces delete-first because Scalekit keeps a domain unique in the environment.
    const allowed = { ...inputs, domainType: "ALLOWED_EMAIL_DOMAIN" };
    expect(await rt.diff("Domain", created.id, created.outs, allowed)).toEqual({ changes: true, replaces: ["domainType"], deleteBeforeReplace: true });
    let replacement!: { id: string; outs: any };
    expect(
      await apiCalls(async () => {
        await rt.delete("Domain", created.id, created.outs);
        replacement = await rt.create("Domain", allowed);
      }),
    ).toEqual(["DELETE /api/v1/organizations/{org}/domains/{dom} 200", "POST /api/v1/organizations/{org}/domains 200"]);
    expect(replacement.outs).toMatchObject({ domainType: "ALLOWED_EMAIL_DOMAIN", verificationStatus: "AUTO_VERIFIED" });
    expect(replacement.outs).not.toHaveProperty("dnsRecord");

    const client = clientFor(env.emulator);
    await client.domains.delete(organizationId, replacement.outs.domainId);
    await client.close();
    expect(await rt.read("Domain", replacement.id, replacement.outs)).toEqual({});
    expect(warnings.messages).toContainEqual(expect.stringContaining(`domain ${replacement.id} no longer exists in Scalekit`));
    expect(await apiCalls(() => rt.delete("Domain", replacement.id, replacement.outs))).toEqual(["DELETE /api/v1/organizations/{org}/domains/{dom} 404"]);
  });

  test("where Scalekit waits for DNS verification, the TXT record to publish is an output, and stays one on refresh", async () => {
    const dnsEmulator = await startEmulator({ seed: 8, domainVerification: "DNS" });
    try {
      const rt = configureRuntime(dnsEmulator);
      const organizationId = (await rt.create("Organization", (await rt.check("Organization", {}, { displayName: "Dns Co" })).inputs)).id;
      const { inputs } = await rt.check("Domain", {}, { organizationId, domain: "dns-co.com" });
      const created = await rt.create("Domain", inputs);
      expect(created.outs).toMatchObject({
        verificationStatus: "PENDING",
        verificationMethod: "DNS",
        dnsRecord: { type: "TXT", name: "scalekit-domain-verification", value: expect.stringMatching(/^scalekit-verification=/) },
      });
      expect((await rt.read("Domain", created.id, created.outs)).props).toEqual(created.outs);
    } finally {
      await runtime.closeClients();
      await dnsEmulator.close();
    }
  });

  test.each`
    status        | method      | published
    ${"PENDING"}  | ${"DNS"}    | ${true}
    ${"VERIFIED"} | ${"DNS"}    | ${false}
    ${"VERIFIED"} | ${"ADMIN"}  | ${false}
    ${"FAILED"}   | ${"DNS"}    | ${false}
  `("a $status/$method domain that still carries its TXT record: published to the customer = $published", ({ status, method, published }) => {
    const live = { id: "dom_1", domain: "acme.com", verification_status: status, verification_method: method, txt_record_key: "scalekit-domain-verification", txt_record_secret: "v" };
    const outputs = toOutputs({ organizationId: "org_1", domain: "acme.com", domainType: "ORGANIZATION_DOMAIN" }, live);
    expect(outputs.dnsRecord !== undefined).toBe(published);
  });

  test("a domain already in the same organization is adopted; one claimed by another organization is a clear error", async () => {
    const rt = configureRuntime(env.emulator);
    const organizationId = await newOrganization("Adopting Co");
    const client = clientFor(env.emulator);
    const existing = await client.domains.create(organizationId, { domain: "adopting-co.com", domain_type: "ORGANIZATION_DOMAIN" });
    const { inputs } = await rt.check("Domain", {}, { organizationId, domain: "adopting-co.com" });
    let adopted!: { id: string };
    expect(await apiCalls(async () => (adopted = await rt.create("Domain", inputs)))).toEqual([
      "POST /api/v1/organizations/{org}/domains 400",
      "GET /api/v1/organizations/{org}/domains 200",
    ]);
    expect(adopted.id).toBe(`${organizationId}/${existing.id}`);

    const otherOrganization = await newOrganization("Claiming Co");
    const { inputs: claim } = await rt.check("Domain", {}, { organizationId: otherOrganization, domain: "adopting-co.com" });
    await expect(rt.create("Domain", claim)).rejects.toThrow(/POST \/api\/v1\/organizations\/org_\d+\/domains failed \(400 INVALID_ARGUMENT\).*domain.*already exists/);
    await client.close();
  });
});
