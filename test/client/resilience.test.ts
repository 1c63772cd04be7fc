import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { Agent } from "undici";
import { z } from "zod";
import { startEmulator, type FaultKind } from "../../emulator";
import { ApiError } from "../../provider/core/api-error";
import { RequestBudget } from "../../provider/core/budget";
import { HttpClient } from "../../provider/core/http";
import { isTransient } from "../../provider/core/retry-policy";
import { TokenSource } from "../../provider/core/token-source";
import { calls, clientFor, FAST_RETRIES, useEmulator } from "../helpers/emulator";

const env = useEmulator();
const tokenRequests = (since = 0) => env.emulator.requestLog.slice(since).filter((entry) => entry.path === "/oauth/token").length;

describe("token handling", () => {
  test("one token serves many concurrent calls", async () => {
    const client = clientFor(env.emulator);
    const start = env.emulator.requestLog.length;
    const organization = await client.organizations.create({ display_name: "Tokens" });
    await Promise.all(Array.from({ length: 20 }, () => client.organizations.get(organization.id)));
    expect(tokenRequests(start)).toBe(1);
    expect(client.stats).toEqual({ apiRequests: 21, tokenRequests: 1 });
    await client.close();
  });

  test("a token the server rejects is renewed once and the call succeeds", async () => {
    const client = clientFor(env.emulator);
    const organization = await client.organizations.create({ display_name: "Renewal" });
    const start = env.emulator.requestLog.length;
    env.emulator.revokeAllTokens();
    await expect(client.organizations.get(organization.id)).resolves.toMatchObject({ id: organization.id });
    expect(calls(env.emulator, start)).toEqual([
      `GET /api/v1/organizations/${organization.id} 401`,
      "POST /oauth/token 200",
      `GET /api/v1/organizations/${organization.id} 200`,
    ]);
    await client.close();
  });

  test("a token is renewed before it expires, without a 401", async () => {
    const shortLived = await startEmulator({ tokenTtlSeconds: 2 });
    const client = clientFor(shortLived);
    const organization = await client.organizations.create({ display_name: "Expiry" });
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    await client.organizations.get(organization.id);
    expect(calls(shortLived).map((line) => line.replace(organization.id, "{id}"))).toEqual([
      "POST /oauth/token 200",
      "POST /api/v1/organizations 201",
      "POST /oauth/token 200",
      "GET /api/v1/organizations/{id} 200",
    ]);
    await client.close();
    await shortLived.close();
  });

  test("wrong credentials fail with a message that names the config keys and hides the secret", async () => {
    const client = clientFor(env.emulator, { clientSecret: "sk_wrong_secret_value" });
    const error: ApiError = await client.organizations.list().next().catch((caught) => caught);
    expect(error).toBeInstanceOf(ApiError);
    expect(error.message).toMatch(/POST \/oauth\/token failed \(401 invalid_client\).*scalekit:clientSecret/);
    expect(JSON.stringify({ ...error, message: error.message })).not.toContain("sk_wrong_secret_value");
    await client.close();
  });
});

describe("retries", () => {
  test.each<FaultKind>(["rate-limit", "rate-limit-retry-after", "unavailable", "bad-gateway", "reset", "lost-response"])(
    "a GET survives an injected %s fault",
    async (kind) => {
      const client = clientFor(env.emulator);
      const organization = await client.organizations.create({ display_name: `Fault ${kind}` });
      const start = env.emulator.requestLog.length;
      env.emulator.scriptFault({ kind, method: "GET", retryAfterSeconds: kind === "rate-limit-retry-after" ? 0 : undefined });
      await expect(client.organizations.get(organization.id)).resolves.toMatchObject({ id: organization.id });
      const log = env.emulator.requestLog.slice(start).filter((entry) => entry.method === "GET");
      expect(log.map((entry) => [entry.fault, entry.status])).toEqual([
        [kind, { "rate-limit": 429, "rate-limit-retry-after": 429, unavailable: 503, "bad-gateway": 502, reset: 0, "lost-response": 0 }[kind]],
        [undefined, 200],
      ]);
      await client.close();
    },
  );

  test("Retry-After is honoured", async () => {
    const client = clientFor(env.emulator);
    const organization = await client.organizations.create({ display_name: "Retry-After" });
    const start = env.emulator.requestLog.length;
    env.emulator.scriptFault({ kind: "rate-limit-retry-after", method: "GET", retryAfterSeconds: 1 });
    await client.organizations.get(organization.id);
    const [limited, retried] = env.emulator.requestLog.slice(start);
    expect(limited.status).toBe(429);
    expect(retried.at - limited.at).toBeGreaterThanOrEqual(950);
    await client.close();
  });

  test("retry-after-ms wins over Retry-After, and Retry-After may be an HTTP date, for API calls and token requests", async () => {
    // A scripted server: Scalekit documents neither header, so the emulator sends neither in these forms.
    const arrivals: Array<{ path: string; at: number }> = [];
    const scripts: Record<string, Array<{ status: number; headers?: () => Record<string, string>; body: unknown }>> = {
      "/oauth/token": [
        { status: 503, headers: () => ({ "retry-after-ms": "80" }), body: { error: "unavailable" } },
        { status: 200, body: { access_token: "token", expires_in: 3600 } },
      ],
      "/thing": [
        { status: 429, headers: () => ({ "retry-after-ms": "120", "retry-after": "30" }), body: { code: 8, message: "slow down" } },
        // An HTTP date has whole seconds: two seconds ahead is 1–2 s away when it is sent.
        { status: 503, headers: () => ({ "retry-after": new Date(Date.now() + 2_000).toUTCString() }), body: { code: 14, message: "unavailable" } },
        { status: 200, body: { ok: true } },
      ],
    };
    const server = createServer((request, response) => {
      arrivals.push({ path: request.url!, at: Date.now() });
      const next = scripts[request.url!].shift()!;
      response.writeHead(next.status, { "content-type": "application/json", ...next.headers?.() }).end(JSON.stringify(next.body));
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const environmentUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const dispatcher = new Agent({ keepAliveTimeout: 10 });
    const waits: string[] = [];
    try {
      const http = new HttpClient({
        environmentUrl,
        tokens: new TokenSource({ environmentUrl, clientId: "skc_1", clientSecret: "secret" }, dispatcher),
        budget: new RequestBudget(),
        dispatcher,
        userAgent: "test",
        retryPolicy: FAST_RETRIES,
        logger: { debug: (line) => waits.push(line.replace(/.*\(attempt \d+, /, "(")), warn: () => undefined },
      });
      await expect(http.send({ method: "GET", path: "/thing", schema: z.object({ ok: z.literal(true) }) })).resolves.toEqual({ ok: true });
      const [firstToken, secondToken] = arrivals.filter((arrival) => arrival.path === "/oauth/token");
      expect(secondToken.at - firstToken.at).toBeGreaterThanOrEqual(75);
      expect(waits).toEqual(["(waiting 120 ms)", expect.stringMatching(/^\(waiting \d+ ms\)$/)]);
      const dateWait = Number(/\d+/.exec(waits[1])![0]);
      expect(dateWait).toBeGreaterThan(900);
      expect(dateWait).toBeLessThanOrEqual(2_000);
    } finally {
      await dispatcher.close();
      await new Promise((resolve) => server.close(resolve));
    }
  });

  test("400 and 404 are not retried", async () => {
    const client = clientFor(env.emulator);
    await client.organizations.list().next();
    const start = env.emulator.requestLog.length;
    await expect(client.organizations.create({ display_name: "" })).rejects.toMatchObject({ status: 400 });
    await expect(client.organizations.get("org_404")).rejects.toMatchObject({ status: 404 });
    expect(calls(env.emulator, start)).toEqual(["POST /api/v1/organizations 400", "GET /api/v1/organizations/org_404 404"]);
    await client.close();
  });

  test("a POST whose response was lost is reconciled by external id: one organization, no duplicate", async () => {
    const client = clientFor(env.emulator);
    await client.organizations.list().next();
    const start = env.emulator.requestLog.length;
    env.emulator.scriptFault({ kind: "lost-response", method: "POST", path: "/api/v1/organizations" });
    const created = await client.organizations.create({ display_name: "Lost", external_id: "lost-response-1" });
    expect(calls(env.emulator, start)).toEqual(["POST /api/v1/organizations 0", "GET /api/v1/organizations:external/lost-response-1 200"]);
    expect(created.external_id).toBe("lost-response-1");
    await client.close();
  });

  test("a POST refused with 503 is repeated; a lost POST without a natural key is reported as ambiguous", async () => {
    const client = clientFor(env.emulator);
    await client.organizations.list().next();
    const start = env.emulator.requestLog.length;
    env.emulator.scriptFault({ kind: "unavailable", method: "POST", path: "/api/v1/organizations" });
    await client.organizations.create({ display_name: "Refused once" });
    expect(calls(env.emulator, start)).toEqual(["POST /api/v1/organizations 503", "POST /api/v1/organizations 201"]);

    env.emulator.scriptFault({ kind: "lost-response", method: "POST", path: "/api/v1/organizations" });
    await expect(client.organizations.create({ display_name: "No external id" })).rejects.toMatchObject({ kind: "ambiguous" });
    await client.close();
  });

  test("the request budget spaces callers out instead of failing them", async () => {
    const limited = await startEmulator({ rateLimit: 600, rateLimitBurst: 5 });
    const client = clientFor(limited, { requestsPerMinute: 500 });
    try {
      const organization = await client.organizations.create({ display_name: "Budget" });
      await Promise.all(Array.from({ length: 12 }, () => client.organizations.get(organization.id)));
      const api = limited.requestLog.filter((entry) => entry.path.startsWith("/api/"));
      expect(api.map((entry) => entry.status)).toEqual([201, ...Array(12).fill(200)]);
      expect(api[12].at - api[0].at).toBeGreaterThanOrEqual(7 * 120 - 50);
    } finally {
      await client.close();
      await limited.close();
    }
  });

  test("without a client budget, server rate limiting slows the run down but every call succeeds", async () => {
    const limited = await startEmulator({ rateLimit: 1200, rateLimitBurst: 2 });
    const client = clientFor(limited);
    try {
      const organization = await client.organizations.create({ display_name: "Throttled" });
      const results = await Promise.all(Array.from({ length: 15 }, () => client.organizations.get(organization.id)));
      expect(results.every((result) => result.id === organization.id)).toBe(true);
      expect(limited.requestLog.some((entry) => entry.status === 429)).toBe(true);
    } finally {
      await client.close();
      await limited.close();
    }
  });
});

describe("errors", () => {
  test("a failed call names method, path, status, error_code and field, and carries no secret", async () => {
    const client = clientFor(env.emulator);
    const error: ApiError = await client.organizations.create({ display_name: "x".repeat(201) }).catch((caught) => caught);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ method: "POST", path: "/api/v1/organizations", status: 400, grpcCode: 3 });
    expect(isTransient(error)).toBe(false);
    expect(error.errorCode).toBeTruthy();
    expect(error.fieldViolations.map((violation) => violation.field)).toContain("display_name");
    expect(error.message).toContain(`POST /api/v1/organizations failed (400 ${error.errorCode})`);
    expect(error.message).toContain("display_name");
    const everything = JSON.stringify({ ...error, message: error.message, stack: error.stack });
    expect(everything).not.toContain(env.emulator.clientSecret);
    expect(everything).not.toMatch(/eyJ[\w-]+\.[\w-]+\.[\w-]+/);
    await client.close();
  });

  test("a response that does not match its schema is a clear error carrying the body, secrets redacted", async () => {
    const client = clientFor(env.emulator);
    const organization = await client.organizations.create({ display_name: "Schema" });
    await client.organizations.updateSettings(organization.id, [{ name: "sso", enabled: true }]);
    const http = (client as unknown as { http: { send: Function } }).http;
    const error: ApiError = await http
      .send({ method: "PUT", path: `/api/v1/organizations/${organization.id}/portal_links?features=sso`, schema: z.object({ link: z.object({ id: z.number() }) }) })
      .catch((caught: unknown) => caught);
    expect(error).toMatchObject({ kind: "invalid-response", status: 200, path: `/api/v1/organizations/${organization.id}/portal_links` });
    expect(error.message).toMatch(/unexpected response body \(link\.id: .*expected number/);
    expect(error.body).toContain('"location":"[REDACTED]"');
    expect(error.body).not.toContain("magicLink");
    await client.close();
  });
});
