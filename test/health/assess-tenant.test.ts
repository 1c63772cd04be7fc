import type { ConnectionWire, OrganizationWire } from "../../provider/api/wire";
import { assessTenant } from "../../provider/health/assess-tenant";
import { parseTenantsFile } from "../../provider/tenant/file/parse";

/* One tenant's assessment from what Scalekit holds, without a server: the connection it looks at is the one `up` manages. */
const [{ entry }] = parseTenantsFile(`
tenants:
  - key: acme
    name: Acme
    sso:
      provider: OKTA
      enabled: false
      oidc: { issuer: https://acme.okta.example.com, clientId: app, clientSecret: { env: ACME_SECRET } }
`).tenants;
const organization = { id: "org_1", display_name: "Acme", external_id: "acme" } as OrganizationWire;
const connection = (id: string, keyId: string, provider: string): ConnectionWire => ({ id, key_id: keyId, provider, type: "OIDC", enabled: false, status: "COMPLETED" }) as ConnectionWire;
const options = { now: new Date("2026-12-01T00:00:00Z"), certificateDays: 30 };

test("the tenant's own connection (its key id) is assessed; another one is drift", () => {
  const health = assessTenant(entry, { organization, domains: [], connections: [connection("conn_2", "someone-else", "AZURE_AD"), connection("conn_1", "acme-okta-oidc", "OKTA")], otherConnections: [] }, options);
  expect(health.connection?.connectionId).toBe("conn_1");
  expect(health.problems.map((problem) => problem.message)).toEqual(["SSO connection conn_2 (AZURE_AD OIDC) is in Scalekit but not in the file"]);
});

test("with only another connection in Scalekit, the tenant's is missing (`up` creates it) and the other is drift, not compared", () => {
  const health = assessTenant(entry, { organization, domains: [], connections: [connection("conn_2", "someone-else", "AZURE_AD")], otherConnections: [] }, options);
  expect(health.connection).toBeUndefined();
  expect(health.problems).toEqual([
    { kind: "drift", message: "SSO connection conn_2 (AZURE_AD OIDC) is in Scalekit but not in the file" },
    { kind: "missing", message: "no SSO connection in Scalekit; the file declares OKTA OIDC (`pulumi up` creates it)" },
  ]);
});
