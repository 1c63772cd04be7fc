import { createOrganization, expectApiError, startSession, type Session } from "./support";

let session: Session;
let orgId: string;
beforeAll(async () => {
  session = await startSession();
  orgId = (await createOrganization(session, { display_name: "Domain Owner" })).id;
});
afterAll(() => session.emulator.close());

const domainsPath = () => `/api/v1/organizations/${orgId}/domains`;

describe("domain CRUD", () => {
  it("creates an ORGANIZATION_DOMAIN by default: 200, admin-verified at once, as Scalekit documents for API-created domains", async () => {
    const res = await session.call("POST", domainsPath(), { domain: "AcmeCorp.com" });
    expect(res.status).toBe(200);
    expect(res.json.domain).toMatchObject({
      id: expect.stringMatching(/^dom_\d{17}$/),
      domain: "acmecorp.com",
      environment_id: expect.stringMatching(/^env_\d+$/),
      organization_id: orgId,
      domain_type: "ORGANIZATION_DOMAIN",
      verification_status: "VERIFIED",
      verification_method: "ADMIN",
    });
    expect(res.json.domain).not.toHaveProperty("txt_record_secret");
    const got = await session.call("GET", `${domainsPath()}/${res.json.domain.id}`);
    expect(got.status).toBe(200);
    expect(got.json.domain).toEqual(res.json.domain);
  });

  it("with domainVerification DNS, creates an ORGANIZATION_DOMAIN pending DNS verification with a random TXT value", async () => {
    const dns = await startSession({ domainVerification: "DNS" });
    try {
      const org = (await createOrganization(dns, { display_name: "Dns Owner" })).id;
      const [first, second] = await Promise.all(["dns-one.com", "dns-two.com"].map((domain) => dns.call("POST", `/api/v1/organizations/${org}/domains`, { domain })));
      expect(first.json.domain).toMatchObject({
        verification_status: "PENDING",
        verification_method: "DNS",
        txt_record_key: "scalekit-domain-verification",
        txt_record_secret: expect.stringMatching(/^scalekit-verification=[A-Za-z0-9]{32}$/),
      });
      expect(second.json.domain.txt_record_secret).not.toBe(first.json.domain.txt_record_secret);
    } finally {
      await dns.emulator.close();
    }
  });

  it("creates an ALLOWED_EMAIL_DOMAIN as auto-verified, without a TXT record", async () => {
    const res = await session.call("POST", domainsPath(), { domain: "acme-mail.com", domain_type: "ALLOWED_EMAIL_DOMAIN" });
    expect(res.status).toBe(200);
    expect(res.json.domain).toMatchObject({ verification_status: "AUTO_VERIFIED", verification_method: "NOT_APPLICABLE" });
    expect(res.json.domain).not.toHaveProperty("txt_record_key");
  });

  it("lists with 0-based page numbers and a domain_type filter", async () => {
    const owner = await createOrganization(session, { display_name: "Many Domains" });
    const base = `/api/v1/organizations/${owner.id}/domains`;
    for (let i = 0; i < 5; i++) {
      await session.call("POST", base, { domain: `d${i}.many.example`, domain_type: i % 2 ? "ALLOWED_EMAIL_DOMAIN" : "ORGANIZATION_DOMAIN" });
    }
    const page0 = await session.call("GET", `${base}?page_size=2&page_number=0`);
    const page2 = await session.call("GET", `${base}?page_size=2&page_number=2`);
    expect(page0.json).toMatchObject({ page_number: 0, page_size: 2 });
    expect(page0.json.domains.map((d: { domain: string }) => d.domain)).toEqual(["d0.many.example", "d1.many.example"]);
    expect(page2.json.domains.map((d: { domain: string }) => d.domain)).toEqual(["d4.many.example"]);
    const allowed = await session.call("GET", `${base}?domain_type=ALLOWED_EMAIL_DOMAIN`);
    expect(allowed.json.domains.map((d: { domain: string }) => d.domain)).toEqual(["d1.many.example", "d3.many.example"]);
  });

  it("deletes with {}; a second delete is 404", async () => {
    const created = await session.call("POST", domainsPath(), { domain: "short-lived.example" });
    const path = `${domainsPath()}/${created.json.domain.id}`;
    const del = await session.call("DELETE", path);
    expect(del.status).toBe(200);
    expect(del.json).toEqual({});
    expectApiError(await session.call("DELETE", path), { status: 404, code: 5, errorCode: "NOT_FOUND" });
  });

  it("PATCH with an empty body changes nothing; changing the domain is refused (immutable)", async () => {
    const created = await session.call("POST", domainsPath(), { domain: "immutable.example" });
    const path = `${domainsPath()}/${created.json.domain.id}`;
    const noop = await session.call("PATCH", path, {});
    expect(noop.status).toBe(200);
    expect(noop.json.domain).toEqual(created.json.domain);
    expectApiError(await session.call("PATCH", path, { domain: "other.example" }), { status: 400, code: 3, errorCode: "INVALID_ARGUMENT", field: "domain" });
    expectApiError(await session.call("PATCH", path, { domain_type: "ALLOWED_EMAIL_DOMAIN" }), { status: 400, code: 3, errorCode: "INVALID_ARGUMENT", field: "domain_type" });
  });

  it("does not show another organization's domain", async () => {
    const created = await session.call("POST", domainsPath(), { domain: "private.example" });
    const other = await createOrganization(session, { display_name: "Nosy" });
    expectApiError(await session.call("GET", `/api/v1/organizations/${other.id}/domains/${created.json.domain.id}`), {
      status: 404, code: 5, errorCode: "NOT_FOUND",
    });
  });
});

describe("domain rules", () => {
  it.each([
    ["missing", {}],
    ["too short", { domain: "a.b" }],
    ["without a dot", { domain: "localhost" }],
    ["with a scheme", { domain: "https://acme.com" }],
    ["with an email", { domain: "bob@acme.com" }],
    ["an IP address", { domain: "10.0.0.1" }],
    ["with a bad label", { domain: "-acme.com" }],
    ["over 255 characters", { domain: `${"a".repeat(50)}.`.repeat(5) + "example" }],
    ["gmail.com (public)", { domain: "gmail.com" }],
    ["Outlook.com (public, any case)", { domain: "Outlook.com" }],
    ["proton.me (public)", { domain: "proton.me" }],
    ["mailinator.com (disposable)", { domain: "mailinator.com" }],
  ])("refuses a domain %s", async (_label, body) => {
    expectApiError(await session.call("POST", domainsPath(), body), { status: 400, code: 3, errorCode: "INVALID_ARGUMENT", field: "domain" });
  });

  it("refuses an unknown domain_type and unknown fields", async () => {
    expectApiError(await session.call("POST", domainsPath(), { domain: "typed.example", domain_type: "PRIMARY" }), {
      status: 400, code: 3, errorCode: "INVALID_ARGUMENT", field: "domain_type",
    });
    expectApiError(await session.call("POST", domainsPath(), { domain: "typed.example", verified: true }), {
      status: 400, code: 3, errorCode: "INVALID_ARGUMENT", field: "verified",
    });
  });

  it("refuses the same domain anywhere in the environment with 400 (as documented)", async () => {
    await session.call("POST", domainsPath(), { domain: "taken.example" });
    const other = await createOrganization(session, { display_name: "Latecomer" });
    expectApiError(await session.call("POST", `/api/v1/organizations/${other.id}/domains`, { domain: "TAKEN.example", domain_type: "ALLOWED_EMAIL_DOMAIN" }), {
      status: 400, code: 3, errorCode: "INVALID_ARGUMENT", field: "domain",
    });
  });

  it.each([
    ["page_size=101", "page_size"],
    ["page_number=-1", "page_number"],
    ["domain_type=NOPE", "domain_type"],
    ["include=everything", "include"],
  ])("list refuses %s", async (query, field) => {
    expectApiError(await session.call("GET", `${domainsPath()}?${query}`), { status: 400, code: 3, errorCode: "INVALID_ARGUMENT", field });
  });

  it("answers 404 for a domain of an unknown organization", async () => {
    expectApiError(await session.call("POST", "/api/v1/organizations/org_404/domains", { domain: "orphan.example" }), {
      status: 404, code: 5, errorCode: "NOT_FOUND",
    });
  });
});
