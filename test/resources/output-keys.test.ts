import * as pulumi from "@pulumi/pulumi";
import { AdminPortalLink, Domain, McpServer, Organization, SSOConnection } from "../../provider";
import { RESOURCE_LIFECYCLES } from "../../provider/resources/registry";
import { ADMIN_PORTAL_LINK_OUTPUT_KEYS } from "../../provider/resources/admin-portal-link/schema";
import { DOMAIN_OUTPUT_KEYS } from "../../provider/resources/domain/schema";
import { MCP_SERVER_OUTPUT_KEYS } from "../../provider/resources/mcp-server/schema";
import { ORGANIZATION_OUTPUT_KEYS } from "../../provider/resources/organization/schema";
import { SSO_CONNECTION_OUTPUT_KEYS } from "../../provider/resources/sso-connection/schema";

/*
 * One list of output keys per resource (checked against its outputs type when compiling); the class
 * declares its properties from the same type. Here: every listed key is registered (Pulumi makes an
 * Output property for each key of the registered properties, and only for those).
 */
pulumi.runtime.setMocks(
  {
    newResource: (args) => ({ id: `${args.name}-id`, state: args.inputs }),
    call: (args) => args.inputs,
  },
  "output-keys",
  "test",
  false,
);

const org = "org_1";
const cases = {
  Organization: { keys: ORGANIZATION_OUTPUT_KEYS, make: () => new Organization("o", { displayName: "O" }) },
  Domain: { keys: DOMAIN_OUTPUT_KEYS, make: () => new Domain("d", { organizationId: org, domain: "acme.com" }) },
  SSOConnection: { keys: SSO_CONNECTION_OUTPUT_KEYS, make: () => new SSOConnection("s", { organizationId: org, provider: "OKTA", saml: { metadataUrl: "https://acme.okta.com/m" } }) },
  AdminPortalLink: { keys: ADMIN_PORTAL_LINK_OUTPUT_KEYS, make: () => new AdminPortalLink("a", { organizationId: org }) },
  McpServer: { keys: MCP_SERVER_OUTPUT_KEYS, make: () => new McpServer("m", { name: "M", serverUrl: "https://m.test/mcp" }) },
};

describe("output keys", () => {
  it("cover every resource kind the runtime serves", () => {
    expect(Object.keys(cases).sort()).toEqual(Object.keys(RESOURCE_LIFECYCLES).sort());
  });

  it.each(Object.entries(cases))("%s registers every key of its list, so each is an Output of the instance", async (_kind, { keys, make }) => {
    const resource = make() as unknown as Record<string, unknown>;
    await new Promise((resolve) => (resource.urn as pulumi.Output<string>).apply(resolve));
    for (const key of keys) expect([key, pulumi.Output.isInstance(resource[key])]).toEqual([key, true]);
    expect(new Set(keys).size).toBe(keys.length);
  });
});
