import { startEmulator, type FaultKind } from "../../emulator";
import { createOrganization, expectApiError, fetchToken, send, startSession, type Session } from "./support";

let session: Session;
beforeAll(async () => {
  session = await startSession();
});
afterAll(() => session.emulator.close());
beforeEach(() => session.emulator.clearRequestLog());

const lastLog = () => session.emulator.requestLog[session.emulator.requestLog.length - 1];

describe("scripted faults", () => {
  it("rate-limit: 429, gRPC 8, RATE_LIMITED, no Retry-After", async () => {
    session.emulator.scriptFault({ kind: "rate-limit" });
    const res = await session.call("GET", "/api/v1/organizations");
    expectApiError(res, { status: 429, code: 8, errorCode: "RATE_LIMITED" });
    expect(res.headers.get("retry-after")).toBeNull();
    expect(lastLog()).toMatchObject({ method: "GET", path: "/api/v1/organizations", status: 429, fault: "rate-limit" });
    expect((await session.call("GET", "/api/v1/organizations")).status).toBe(200);
  });

  it("rate-limit-retry-after: 429 with Retry-After: 1 (or the scripted value)", async () => {
    session.emulator.scriptFault({ kind: "rate-limit-retry-after" });
    const res = await session.call("GET", "/api/v1/organizations");
    expectApiError(res, { status: 429, code: 8, errorCode: "RATE_LIMITED" });
    expect(res.headers.get("retry-after")).toBe("1");
    session.emulator.scriptFault({ kind: "rate-limit-retry-after", retryAfterSeconds: 7 });
    expect((await session.call("GET", "/api/v1/organizations")).headers.get("retry-after")).toBe("7");
  });

  it("unavailable: 503, gRPC 14", async () => {
    session.emulator.scriptFault({ kind: "unavailable" });
    expectApiError(await session.call("GET", "/api/v1/organizations"), { status: 503, code: 14, errorCode: "UNAVAILABLE" });
    expect(lastLog()).toMatchObject({ status: 503, fault: "unavailable" });
  });

  it("bad-gateway: 502 with a proxy's HTML body", async () => {
    session.emulator.scriptFault({ kind: "bad-gateway" });
    const res = await session.call("GET", "/api/v1/organizations");
    expect(res.status).toBe(502);
    expect(res.headers.get("content-type")).toMatch(/text\/html/);
    expect(lastLog()).toMatchObject({ status: 502, fault: "bad-gateway" });
  });

  it("internal: 500, gRPC 13", async () => {
    session.emulator.scriptFault({ kind: "internal" });
    expectApiError(await session.call("GET", "/api/v1/organizations"), { status: 500, code: 13, errorCode: "INTERNAL" });
  });

  it("reset: the connection drops before the request is handled (nothing is written)", async () => {
    session.emulator.scriptFault({ kind: "reset", method: "POST", path: "/api/v1/organizations" });
    await expect(session.call("POST", "/api/v1/organizations", { display_name: "Never", external_id: "reset-1" })).rejects.toThrow();
    expect(lastLog()).toMatchObject({ method: "POST", status: 0, fault: "reset" });
    const list = await session.call("GET", "/api/v1/organizations?external_id=reset-1");
    expect(list.json.total_size).toBe(0);
  });

  it("lost-response: the write is committed, then the connection drops without a response", async () => {
    session.emulator.scriptFault({ kind: "lost-response", method: "POST", path: "/api/v1/organizations" });
    await expect(session.call("POST", "/api/v1/organizations", { display_name: "Ghost", external_id: "lost-1" })).rejects.toThrow();
    expect(lastLog()).toMatchObject({ method: "POST", status: 0, fault: "lost-response" });
    const list = await session.call("GET", "/api/v1/organizations?external_id=lost-1");
    expect(list.json.total_size).toBe(1);
    expect(list.json.organizations[0].display_name).toBe("Ghost");
  });

  it("matches method and path (string or RegExp) and lasts `times` requests", async () => {
    const org = await createOrganization(session, { display_name: "Faulty" });
    session.emulator.scriptFault({ kind: "unavailable", times: 2, method: "GET", path: /^\/api\/v1\/organizations\/org_/ });
    expect((await session.call("GET", "/api/v1/organizations")).status).toBe(200);
    expect((await session.call("PATCH", `/api/v1/organizations/${org.id}`, { display_name: "Faulty 2" })).status).toBe(200);
    expect((await session.call("GET", `/api/v1/organizations/${org.id}`)).status).toBe(503);
    expect((await session.call("GET", `/api/v1/organizations/${org.id}`)).status).toBe(503);
    expect((await session.call("GET", `/api/v1/organizations/${org.id}`)).status).toBe(200);
  });

  it("does not touch /oauth/token or /keys unless a path says so", async () => {
    session.emulator.scriptFault({ kind: "unavailable" });
    await fetchToken(session.emulator);
    expect((await fetch(`${session.emulator.url}/keys`)).status).toBe(200);
    expect((await session.call("GET", "/api/v1/organizations")).status).toBe(503);
    session.emulator.scriptFault({ kind: "unavailable", path: "/oauth/token" });
    await expect(fetchToken(session.emulator)).rejects.toThrow(/503/);
  });
});

describe("request log", () => {
  it("records every request in arrival order with method, path, query and status, without bodies or headers", async () => {
    await fetchToken(session.emulator);
    await session.call("GET", "/api/v1/organizations?page_size=10");
    await session.call("GET", "/api/v1/organizations/org_1");
    expect(session.emulator.requestLog).toEqual([
      { method: "POST", path: "/oauth/token", query: "", status: 200, at: expect.any(Number) },
      { method: "GET", path: "/api/v1/organizations", query: "page_size=10", status: 200, at: expect.any(Number) },
      { method: "GET", path: "/api/v1/organizations/org_1", query: "", status: 404, at: expect.any(Number) },
    ]);
    session.emulator.clearRequestLog();
    expect(session.emulator.requestLog).toHaveLength(0);
  });
});

describe("random faults", () => {
  const kinds: FaultKind[] = ["rate-limit", "rate-limit-retry-after", "unavailable", "bad-gateway", "reset", "lost-response"];

  async function run(seed: number): Promise<{ outcomes: (number | string)[]; log: unknown[] }> {
    const emulator = await startEmulator({ seed, faultRate: 0.5, faultKinds: kinds });
    try {
      const token = await fetchToken(emulator);
      const outcomes: (number | string)[] = [];
      for (let i = 0; i < 30; i++) {
        try {
          outcomes.push((await send(emulator.url, "GET", "/api/v1/organizations", undefined, { authorization: `Bearer ${token}` })).status);
        } catch {
          outcomes.push("dropped");
        }
      }
      return { outcomes, log: emulator.requestLog.map(({ path, status, fault }) => ({ path, status, fault })) };
    } finally {
      await emulator.close();
    }
  }

  it("are reproducible for the same seed and differ for another", async () => {
    const first = await run(42);
    const second = await run(42);
    const other = await run(43);
    expect(second).toEqual(first);
    expect(other.outcomes).not.toEqual(first.outcomes);
    const faulted = first.outcomes.filter((o) => o !== 200).length;
    expect(faulted).toBeGreaterThan(5);
    expect(faulted).toBeLessThan(25);
    // Dropped connections are logged with status 0 and their fault.
    expect(first.log).toEqual(expect.arrayContaining([expect.objectContaining({ status: 0, fault: expect.stringMatching(/reset|lost-response/) })]));
  });
});

describe("rate limit", () => {
  it("answers 429 with Retry-After once the bucket is empty", async () => {
    const limited = await startSession({ rateLimit: 6 });
    try {
      expect((await limited.call("GET", "/api/v1/organizations")).status).toBe(200);
      const res = await limited.call("GET", "/api/v1/organizations");
      expectApiError(res, { status: 429, code: 8, errorCode: "RATE_LIMITED" });
      // 6/min refills one token every 10 s.
      expect(Number(res.headers.get("retry-after"))).toBeGreaterThanOrEqual(9);
      expect(Number(res.headers.get("retry-after"))).toBeLessThanOrEqual(10);
      expect(limited.emulator.requestLog.map((e) => e.status)).toEqual([200, 200, 429]);
    } finally {
      await limited.emulator.close();
    }
  });

  it("refills over time and can omit Retry-After", async () => {
    // 120/min refills a token every 500 ms: slow enough that three quick requests cannot earn one.
    const limited = await startSession({ rateLimit: 120, rateLimitBurst: 2, rateLimitRetryAfter: false });
    try {
      const statuses = [];
      for (let i = 0; i < 3; i++) statuses.push((await limited.call("GET", "/api/v1/organizations")).status);
      expect(statuses).toEqual([200, 200, 429]);
      const res = await limited.call("GET", "/api/v1/organizations");
      expect(res.headers.get("retry-after")).toBeNull();
      await new Promise((resolve) => setTimeout(resolve, 600));
      expect((await limited.call("GET", "/api/v1/organizations")).status).toBe(200);
    } finally {
      await limited.emulator.close();
    }
  });
});

describe("latency", () => {
  it("delays every request", async () => {
    const slow = await startSession({ latencyMs: 120 });
    try {
      const started = Date.now();
      await slow.call("GET", "/api/v1/organizations");
      expect(Date.now() - started).toBeGreaterThanOrEqual(115);
    } finally {
      await slow.emulator.close();
    }
  });
});
