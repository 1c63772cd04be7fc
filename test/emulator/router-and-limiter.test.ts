import { RateLimiter } from "../../emulator/faults/rate-limiter";
import { Router } from "../../emulator/http/router";

describe("Router", () => {
  const router = new Router<string>()
    .add("GET", "/api/v1/organizations/{id}", "get")
    .add("GET", "/api/v1/organizations:external/{external_id}", "by-external-id")
    .add("PATCH", "/api/v1/organizations/{organization_id}/connections/{id}", "update")
    .add("PATCH", "/api/v1/organizations/{organization_id}/connections/{id}:enable", "enable");

  it.each([
    ["GET", "/api/v1/organizations/org_1", "get", { id: "org_1" }],
    ["GET", "/api/v1/organizations:external/acme%2F1:x", "by-external-id", { external_id: "acme/1:x" }],
    ["PATCH", "/api/v1/organizations/org_1/connections/conn_2", "update", { organization_id: "org_1", id: "conn_2" }],
    ["PATCH", "/api/v1/organizations/org_1/connections/conn_2:enable", "enable", { organization_id: "org_1", id: "conn_2" }],
  ])("%s %s → %s", (method, path, handler, params) => {
    expect(router.match(method, path)).toEqual({ kind: "found", handler, params, template: expect.any(String) });
  });

  it("tells a wrong method from an unknown path", () => {
    expect(router.match("DELETE", "/api/v1/organizations/org_1").kind).toBe("method-not-allowed");
    expect(router.match("GET", "/api/v1/organizations/org_1/unknown").kind).toBe("not-found");
  });
});

describe("RateLimiter", () => {
  it("allows a burst, then refuses with the whole seconds until the next token", () => {
    let now = 0;
    const limiter = new RateLimiter(30, 2, () => now);
    expect(limiter.take()).toEqual({ allowed: true });
    expect(limiter.take()).toEqual({ allowed: true });
    expect(limiter.take()).toEqual({ allowed: false, retryAfterSeconds: 2 });
    now = 1500;
    expect(limiter.take()).toEqual({ allowed: false, retryAfterSeconds: 1 });
    now = 2000;
    expect(limiter.take()).toEqual({ allowed: true });
  });
});
