import type { OrganizationSnapshot } from "../../provider/api/organization-snapshot";
import { scaffoldTenant } from "../../provider/scaffold/tenant-entry";

/*
 * What Scalekit may hold that this emulator's API refuses to store, as the entry of a scaffolded
 * tenant: each value the file cannot hold is left out with a note saying what the first `up` would do.
 */
const snapshot = (organization: Partial<OrganizationSnapshot["organization"]>, domains: OrganizationSnapshot["domains"] = []): OrganizationSnapshot => ({
  organization: { id: "org_1", create_time: "2020-01-01T00:00:00Z", ...organization },
  domains,
  connections: [],
  otherConnections: [],
});

describe("a scaffolded entry, for values the file cannot hold", () => {
  test("a display name with spaces around it is written trimmed, and said so", () => {
    const tenant = scaffoldTenant(snapshot({ display_name: "  Acme  ", external_id: "acme" }), { key: "acme", source: "external id" });
    expect(tenant.entry.name).toBe("Acme");
    expect(tenant.notes).toEqual(['name "  Acme  " is written trimmed; the first `up` would trim it in Scalekit too.']);
  });

  test("an empty display name becomes the key, and said so", () => {
    const tenant = scaffoldTenant(snapshot({ display_name: "", external_id: "nameless" }), { key: "nameless", source: "external id" });
    expect(tenant.entry.name).toBe("nameless");
    expect(tenant.notes).toEqual(['name "" cannot be declared (must not be empty); the first `up` would rename the organization nameless.']);
  });

  test("a slug, logo URL or metadata the schema refuses is left out, with what the first up would do", () => {
    const tenant = scaffoldTenant(
      snapshot({ display_name: "Odd", external_id: "odd", slug: "Odd_Slug", logo_url: "http://cdn.odd.test/logo.png", metadata: { ab: "too short a key" } }),
      { key: "odd", source: "external id" },
    );
    expect(tenant.entry).toEqual({ key: "odd", name: "Odd", externalId: "odd", adopt: true });
    expect(tenant.notes).toEqual([
      'slug "Odd_Slug" is not declared: must be lower-case letters, digits and hyphens in dot-separated labels (e.g. acme or acme.eu); the first `up` would clear it, so fix it in Scalekit first.',
      'logoUrl "http://cdn.odd.test/logo.png" is not declared: must be an https:// URL; it stays as it is.',
      'metadata {"ab":"too short a key"} is not declared: metadata keys must be 3–25 characters; the first `up` would clear it, so fix it in Scalekit first.',
    ]);
  });

  test("a domain of a type this file does not know is left out", () => {
    const tenant = scaffoldTenant(
      snapshot({ display_name: "Typed", external_id: "typed" }, [
        { id: "dom_1", domain: "typed.com", domain_type: "ORGANIZATION_DOMAIN" },
        { id: "dom_2", domain: "typed.io", domain_type: "SOME_NEW_TYPE" },
      ]),
      { key: "typed", source: "external id" },
    );
    expect(tenant.entry.domains).toEqual(["typed.com"]);
    expect(tenant.notes).toEqual(["Domain typed.io is not declared: its type SOME_NEW_TYPE is not one this file knows. It stays in Scalekit as it is."]);
  });
});
