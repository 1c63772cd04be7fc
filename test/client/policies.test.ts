import { ApiError } from "../../provider/core/api-error";
import { RequestBudget } from "../../provider/core/budget";
import { parseEnvironmentUrl } from "../../provider/core/environment-url";
import { DEFAULT_RETRY_POLICY, renewsToken, retryAction, retryAfterFromHeaders, retryDelayMs, STATUS_RULES } from "../../provider/core/retry-policy";
import { resolveClientSettings } from "../../provider/core/settings";

const httpError = (status: number) => new ApiError({ kind: "http", method: "GET", path: "/x", status, message: "m" });
const networkError = (code: string) => new ApiError({ kind: "network", method: "POST", path: "/x", status: 0, message: "m", cause: { code } });

/** An error for a row of the table: "401" (an HTTP status), "network ECONNRESET", "invalid-response", "ambiguous" or "plain Error". */
function failure(label: string): unknown {
  if (/^\d+$/.test(label)) return httpError(Number(label));
  if (label.startsWith("network ")) return networkError(label.slice("network ".length));
  if (label === "invalid-response") return new ApiError({ kind: "invalid-response", method: "GET", path: "/x", status: 200, message: "m" });
  if (label === "ambiguous") return new ApiError({ kind: "ambiguous", method: "POST", path: "/x", status: 0, message: "m" });
  return new Error("not an API error");
}

/** A tagged table kept as data, so that a test can check what it covers. */
const table = (strings: TemplateStringsArray, ...values: unknown[]) => ({ strings, values });

describe("retry policy", () => {
  // The whole policy: every status with a rule, statuses without one, each connection error code it names, other failures.
  const ACTIONS = table`
    failure                            | idempotent | action
    ${"401"}                           | ${true}    | ${"fail"}
    ${"401"}                           | ${false}   | ${"fail"}
    ${"409"}                           | ${true}    | ${"fail"}
    ${"409"}                           | ${false}   | ${"fail"}
    ${"429"}                           | ${true}    | ${"retry"}
    ${"429"}                           | ${false}   | ${"retry"}
    ${"500"}                           | ${true}    | ${"fail"}
    ${"500"}                           | ${false}   | ${"fail"}
    ${"502"}                           | ${true}    | ${"retry"}
    ${"502"}                           | ${false}   | ${"reconcile"}
    ${"503"}                           | ${true}    | ${"retry"}
    ${"503"}                           | ${false}   | ${"retry"}
    ${"504"}                           | ${true}    | ${"retry"}
    ${"504"}                           | ${false}   | ${"reconcile"}
    ${"400"}                           | ${true}    | ${"fail"}
    ${"403"}                           | ${true}    | ${"fail"}
    ${"404"}                           | ${true}    | ${"fail"}
    ${"501"}                           | ${true}    | ${"fail"}
    ${"network ECONNRESET"}            | ${true}    | ${"retry"}
    ${"network ECONNRESET"}            | ${false}   | ${"reconcile"}
    ${"network UND_ERR_SOCKET"}        | ${false}   | ${"reconcile"}
    ${"network UND_ERR_HEADERS_TIMEOUT"} | ${false} | ${"reconcile"}
    ${"network ECONNREFUSED"}          | ${false}   | ${"retry"}
    ${"network UND_ERR_CONNECT_TIMEOUT"} | ${false} | ${"retry"}
    ${"network ENOTFOUND"}             | ${false}   | ${"retry"}
    ${"network EAI_AGAIN"}             | ${false}   | ${"retry"}
    ${"invalid-response"}              | ${true}    | ${"fail"}
    ${"ambiguous"}                     | ${true}    | ${"fail"}
    ${"plain Error"}                   | ${true}    | ${"fail"}
  `;
  test.each(ACTIONS.strings, ...ACTIONS.values)("$failure (idempotent $idempotent) → $action", ({ failure: label, idempotent, action }) => {
    expect(retryAction(failure(label), idempotent)).toBe(action);
  });

  test("every status with a rule says why in one line, and the table above has it both idempotent and not", () => {
    const rows: string[] = [];
    for (let index = 0; index < ACTIONS.values.length; index += 3) rows.push(`${ACTIONS.values[index]} ${ACTIONS.values[index + 1]}`);
    for (const [status, rule] of Object.entries(STATUS_RULES)) {
      expect({ status, why: rule.why }).toEqual({ status, why: expect.stringMatching(/^[^\n]{20,}$/) });
      expect(rows).toEqual(expect.arrayContaining([`${status} true`, `${status} false`]));
    }
  });

  test.each`
    status | renews
    ${401} | ${true}
    ${403} | ${false}
    ${429} | ${false}
    ${500} | ${false}
  `("a $status answer renews the token: $renews", ({ status, renews }) => {
    expect(renewsToken(status)).toBe(renews);
  });

  test("backoff grows exponentially with jitter in [½, 1] of the ceiling, capped", () => {
    const policy = { ...DEFAULT_RETRY_POLICY, baseDelayMs: 100, maxDelayMs: 1_000 };
    expect(retryDelayMs(policy, 1, undefined, () => 0)).toBe(50);
    expect(retryDelayMs(policy, 1, undefined, () => 1)).toBe(100);
    expect(retryDelayMs(policy, 3, undefined, () => 1)).toBe(400);
    expect(retryDelayMs(policy, 10, undefined, () => 1)).toBe(1_000);
  });

  test("the server's wait wins over backoff and is clamped", () => {
    const policy = { ...DEFAULT_RETRY_POLICY, maxRetryAfterMs: 60_000 };
    expect(retryDelayMs(policy, 1, 2_000)).toBe(2_000);
    expect(retryDelayMs(policy, 1, 0)).toBe(0);
    expect(retryDelayMs(policy, 1, 3_600_000)).toBe(60_000);
  });

  test.each`
    headers                                                  | expected
    ${{}}                                                    | ${undefined}
    ${{ "retry-after": "3" }}                                | ${3000}
    ${{ "retry-after": "0.5" }}                              | ${500}
    ${{ "retry-after": "Thu, 26 Nov 2026 10:00:05 GMT" }}    | ${5000}
    ${{ "retry-after": "Thu, 26 Nov 2026 09:59:00 GMT" }}    | ${0}
    ${{ "retry-after": "soon" }}                             | ${undefined}
    ${{ "retry-after": ["2", "9"] }}                         | ${2000}
    ${{ "retry-after-ms": "250" }}                           | ${250}
    ${{ "retry-after-ms": "12.5" }}                          | ${12.5}
    ${{ "retry-after-ms": "250", "retry-after": "3" }}       | ${250}
    ${{ "retry-after-ms": "later", "retry-after": "3" }}     | ${3000}
    ${{ "retry-after-ms": "-5" }}                            | ${undefined}
  `("a response with $headers asks for $expected ms", ({ headers, expected }) => {
    expect(retryAfterFromHeaders(headers, Date.parse("Thu, 26 Nov 2026 10:00:00 GMT"))).toBe(expected);
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
