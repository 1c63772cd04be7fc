import { ApiError } from "../../provider/core/api-error";
import { RequestBudget } from "../../provider/core/budget";
import { parseEnvironmentUrl } from "../../provider/core/environment-url";
import { DEFAULT_RETRY_POLICY, parseRetryAfter, retryAction, retryDelayMs } from "../../provider/core/retry";
import { resolveClientSettings } from "../../provider/core/settings";

const httpError = (status: number) => new ApiError({ kind: "http", method: "GET", path: "/x", status, message: "m" });
const networkError = (code: string) => new ApiError({ kind: "network", method: "POST", path: "/x", status: 0, message: "m", cause: { code } });

describe("retry policy", () => {
  test.each`
    error                           | idempotent | action
    ${httpError(429)}               | ${true}    | ${"retry"}
    ${httpError(502)}               | ${true}    | ${"retry"}
    ${httpError(503)}               | ${true}    | ${"retry"}
    ${httpError(504)}               | ${true}    | ${"retry"}
    ${httpError(500)}               | ${true}    | ${"fail"}
    ${httpError(400)}               | ${true}    | ${"fail"}
    ${httpError(404)}               | ${true}    | ${"fail"}
    ${networkError("ECONNRESET")}   | ${true}    | ${"retry"}
    ${httpError(429)}               | ${false}   | ${"retry"}
    ${httpError(503)}               | ${false}   | ${"retry"}
    ${httpError(502)}               | ${false}   | ${"reconcile"}
    ${httpError(504)}               | ${false}   | ${"reconcile"}
    ${networkError("ECONNRESET")}   | ${false}   | ${"reconcile"}
    ${networkError("ECONNREFUSED")} | ${false}   | ${"retry"}
    ${new Error("not an API error")} | ${true}   | ${"fail"}
  `("$error.message (status $error.status, idempotent $idempotent) → $action", ({ error, idempotent, action }) => {
    expect(retryAction(error, idempotent)).toBe(action);
  });

  test("backoff grows exponentially with jitter in [½, 1] of the ceiling, capped", () => {
    const policy = { ...DEFAULT_RETRY_POLICY, baseDelayMs: 100, maxDelayMs: 1_000 };
    expect(retryDelayMs(policy, 1, undefined, () => 0)).toBe(50);
    expect(retryDelayMs(policy, 1, undefined, () => 1)).toBe(100);
    expect(retryDelayMs(policy, 3, undefined, () => 1)).toBe(400);
    expect(retryDelayMs(policy, 10, undefined, () => 1)).toBe(1_000);
  });

  test("Retry-After wins over backoff and is clamped", () => {
    const policy = { ...DEFAULT_RETRY_POLICY, maxRetryAfterMs: 60_000 };
    expect(retryDelayMs(policy, 1, 2_000)).toBe(2_000);
    expect(retryDelayMs(policy, 1, 3_600_000)).toBe(60_000);
  });

  test.each`
    header                             | expected
    ${undefined}                       | ${undefined}
    ${"3"}                             | ${3000}
    ${"0.5"}                           | ${500}
    ${"Thu, 26 Nov 2026 10:00:05 GMT"} | ${5000}
    ${"soon"}                          | ${undefined}
  `("Retry-After $header → $expected ms", ({ header, expected }) => {
    expect(parseRetryAfter(header, Date.parse("Thu, 26 Nov 2026 10:00:00 GMT"))).toBe(expected);
  });
});

describe("request budget", () => {
  test("spaces requests at the configured rate after a burst", () => {
    let now = 0;
    const budget = new RequestBudget(60, 3, () => now);
    expect([budget.reserve(), budget.reserve(), budget.reserve()]).toEqual([0, 0, 0]);
    expect(budget.reserve()).toBe(1_000);
    expect(budget.reserve()).toBe(2_000);
    now = 10_000;
    expect(budget.reserve()).toBe(0);
  });

  /** Requests accepted every 100 ms for two seconds (600/min), then `throttled` 429s. */
  function saturate(budget: RequestBudget, clock: { now: number }, throttled: number) {
    for (; clock.now < 2_000; clock.now += 100) budget.record(200);
    for (let index = 0; index < throttled; index++) budget.record(429);
  }

  test("when the server is saturated, every caller is paced just below the rate it accepted, once per second", () => {
    const clock = { now: 0 };
    const budget = new RequestBudget(Number.POSITIVE_INFINITY, 1, () => clock.now);
    saturate(budget, clock, 4);
    expect(budget.requestsPerMinute).toBeCloseTo(600 * 0.9, 0);
    budget.record(429);
    expect(budget.requestsPerMinute).toBeCloseTo(600 * 0.9, 0);
    expect(budget.reserve()).toBe(0);
    expect(budget.reserve()).toBeCloseTo(60_000 / 540, 0);
  });

  test("a few 429s among many accepted requests are transient: the pace stays", () => {
    const clock = { now: 0 };
    const budget = new RequestBudget(Number.POSITIVE_INFINITY, 1, () => clock.now);
    saturate(budget, clock, 3);
    expect(budget.requestsPerMinute).toBe(Number.POSITIVE_INFINITY);
  });

  test("the pace recovers slowly toward the configured cap, never above it", () => {
    const clock = { now: 0 };
    const budget = new RequestBudget(1_000, 1, () => clock.now);
    saturate(budget, clock, 4);
    clock.now += 10_000;
    budget.reserve();
    expect(budget.requestsPerMinute).toBeCloseTo(540 * 1.05 ** 10, 0);
    clock.now += 600_000;
    budget.reserve();
    expect(budget.requestsPerMinute).toBe(1_000);
  });
});

describe("environment URL", () => {
  test.each`
    raw                                  | expected
    ${"https://acme.scalekit.dev"}       | ${"https://acme.scalekit.dev"}
    ${"https://acme.scalekit.com/"}      | ${"https://acme.scalekit.com"}
    ${" https://auth.example.com "}      | ${"https://auth.example.com"}
    ${"http://127.0.0.1:8080"}           | ${"http://127.0.0.1:8080"}
    ${"http://localhost:4000/"}          | ${"http://localhost:4000"}
  `("$raw is accepted as $expected", ({ raw, expected }) => {
    expect(parseEnvironmentUrl(raw)).toBe(expected);
  });

  test.each`
    raw                                     | message
    ${"acme.scalekit.dev"}                  | ${/not a valid URL/}
    ${"http://acme.scalekit.dev"}           | ${/must use https/}
    ${"ftp://acme.scalekit.dev"}            | ${/must use https/}
    ${"https://user:pw@acme.scalekit.dev"}  | ${/credentials/}
    ${"https://acme.scalekit.dev/api/v1"}   | ${/without path/}
  `("$raw is refused", ({ raw, message }) => {
    expect(() => parseEnvironmentUrl(raw)).toThrow(message);
  });
});

describe("client settings", () => {
  const config = (values: Record<string, string>) => (key: string) => values[key];

  test("stack config wins over environment variables", () => {
    const settings = resolveClientSettings(
      config({ "scalekit:environmentUrl": "https://a.scalekit.dev", "scalekit:clientId": "skc_1", "scalekit:clientSecret": "s1" }),
      { SCALEKIT_ENVIRONMENT_URL: "https://b.scalekit.dev", SCALEKIT_CLIENT_ID: "skc_2", SCALEKIT_CLIENT_SECRET: "s2" },
    );
    expect(settings).toEqual({ environmentUrl: "https://a.scalekit.dev", clientId: "skc_1", clientSecret: "s1", requestsPerMinute: undefined });
  });

  test("environment variables fill in", () => {
    const settings = resolveClientSettings(config({}), {
      SCALEKIT_ENVIRONMENT_URL: "https://b.scalekit.dev/",
      SCALEKIT_CLIENT_ID: "skc_2",
      SCALEKIT_CLIENT_SECRET: "s2",
      SCALEKIT_REQUESTS_PER_MINUTE: "300",
    });
    expect(settings).toMatchObject({ environmentUrl: "https://b.scalekit.dev", requestsPerMinute: 300 });
  });

  test("missing credentials name both sources and show no value", () => {
    expect(() => resolveClientSettings(config({ "scalekit:clientSecret": "super-secret-value" }), {})).toThrow(
      /missing scalekit:environmentUrl \(or SCALEKIT_ENVIRONMENT_URL\), scalekit:clientId \(or SCALEKIT_CLIENT_ID\)/,
    );
    try {
      resolveClientSettings(config({ "scalekit:clientSecret": "super-secret-value" }), {});
    } catch (error) {
      expect(String(error)).not.toContain("super-secret-value");
    }
  });
});
