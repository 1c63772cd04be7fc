import type { OrganizationWire } from "../../provider/api/wire";
import { tenantKeyField } from "../../provider";
import { keyFrom, secretConfigKeyOf, TenantKeys } from "../../provider/scaffold";

const organization = (id: string, fields: Partial<OrganizationWire> = {}): OrganizationWire => ({ id, create_time: "2026-01-01T00:00:00Z", ...fields });

describe("tenant keys of scaffolded organizations", () => {
  test.each<[string, string | undefined]>([
    ["ACME-001", "acme-001"],
    ["Société Générale d'Électricité", "societe-generale-d-electricite"],
    ["  --Ærø Straße_GmbH--  ", "aero-strasse-gmbh"],
    ["CRM#0042/EU", "crm-0042-eu"],
    ["???", undefined],
    ["", undefined],
    ["x".repeat(70), "x".repeat(63)],
    [`${"a".repeat(62)}-b`, "a".repeat(62)],
  ])("keyFrom(%j) = %j", (text, key) => {
    expect(keyFrom(text)).toBe(key);
    if (key) expect(tenantKeyField.safeParse(key).success).toBe(true);
  });

  test("first usable of external id, slug, display name, id; a taken key gets -2, -3, and stays a valid key", () => {
    const keys = new TenantKeys();
    const long = "n".repeat(63);
    expect([
      keys.assign(organization("org_1", { external_id: "Acme", slug: "acme-slug", display_name: "Acme Corp" })),
      keys.assign(organization("org_2", { slug: "acme", display_name: "Acme" })),
      keys.assign(organization("org_3", { display_name: "Acme" })),
      keys.assign(organization("org_4", { display_name: "!!!" })),
      keys.assign(organization("org_5", { external_id: "acme-2", display_name: "Acme" })),
      keys.assign(organization("org_6", { display_name: long })),
      keys.assign(organization("org_7", { display_name: long })),
    ]).toEqual([
      { key: "acme", source: "external id" },
      { key: "acme-2", source: "slug", taken: "acme" },
      { key: "acme-3", source: "display name", taken: "acme" },
      { key: "org-4", source: "organization id" },
      { key: "acme-2-2", source: "external id", taken: "acme-2" },
      { key: long, source: "display name" },
      { key: `${"n".repeat(61)}-2`, source: "display name", taken: long },
    ]);
  });

  test("the stack config key of an OIDC client secret, in Pulumi's camelCase", () => {
    expect([secretConfigKeyOf("acme"), secretConfigKeyOf("acme-eu-2"), secretConfigKeyOf("42-co")]).toEqual(["acmeOidcClientSecret", "acmeEu2OidcClientSecret", "tenant42CoOidcClientSecret"]);
  });
});
