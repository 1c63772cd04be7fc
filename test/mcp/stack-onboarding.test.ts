import * as pulumi from "@pulumi/pulumi";
import { organizationIdsOf } from "../../examples/mcp-server/infra/stack-config";
import { loadConfig } from "../../examples/mcp-server/src/config";
import { envObject, isSecretEnvelope, mockStack, MOCK_RESOURCE_ID, valueOf } from "./stack-mocks";

const registrations = mockStack({
  tenants: {
    acme: { organizationId: "org_111", adminPortal: { link: "https://acme.scalekit.dev/magicLink/secret" } },
    globex: { organizationId: "org_222" },
  },
});
pulumi.runtime.setAllConfig({
  "scalekit:environmentUrl": "https://acme.scalekit.dev",
  "scalekit-mcp-server:publicUrl": "https://mcp.acme.test/",
  "scalekit-mcp-server:expectedAudience": "https://mcp.acme.test/",
  "scalekit-mcp-server:scopes": JSON.stringify(["notes:read", "notes:write", "offline_access"]),
  "scalekit-mcp-server:accessTokenLifetimeSeconds": "900",
  "scalekit-mcp-server:port": "8080",
  "scalekit-mcp-server:hostPort": "18080",
  "scalekit-mcp-server:onboardingStack": "acme/scalekit-onboarding/prod",
});

const program = require("../../examples/mcp-server/infra/index") as typeof import("../../examples/mcp-server/infra/index");
const registered = (type: string) => registrations.find((registration) => registration.type === type)!;

beforeAll(async () => {
  await valueOf(program.metadataUrl);
});

describe("the MCP server stack with stack config and the onboarding stack's outputs", () => {
  it("reads the onboarding stack and lets only its organizations in, without making the list secret", () => {
    expect(registered("pulumi:pulumi:StackReference").inputs).toMatchObject({ name: "acme/scalekit-onboarding/prod" });
    const envs = registered("docker:index/container:Container").inputs.envs;
    expect(isSecretEnvelope(envs)).toBe(false);
    const env = envObject(envs);
    expect(env).toEqual({
      PORT: "8080",
      SK_ENV_URL: "https://acme.scalekit.dev",
      MCP_SERVER_ID: MOCK_RESOURCE_ID,
      PUBLIC_URL: "https://mcp.acme.test",
      EXPECTED_AUDIENCE: "https://mcp.acme.test/",
      SCOPES_SUPPORTED: "notes:read notes:write offline_access",
      ALLOWED_ORGANIZATION_IDS: "org_111,org_222",
    });
    expect(loadConfig(env)).toMatchObject({ port: 8080, audiences: ["https://mcp.acme.test/", MOCK_RESOURCE_ID], allowedOrganizationIds: ["org_111", "org_222"] });
  });

  it("registers the URL the tokens must name, with the server's scopes (offline_access is the client's) and the lifetime", () => {
    const { __provider: _provider, ...inputs } = registered("pulumi-nodejs:dynamic/scalekit:McpServer").inputs;
    expect(inputs).toEqual({ name: "Notes", serverUrl: "https://mcp.acme.test/", scopes: ["notes:read", "notes:write"], accessTokenLifetimeSeconds: 900 });
  });

  it("maps the container port to the configured host port and exports the public URLs", async () => {
    expect(registered("docker:index/container:Container").inputs.ports).toEqual([{ internal: 8080, external: 18080 }]);
    expect(await valueOf(program.mcpUrl)).toBe("https://mcp.acme.test/mcp");
    expect(await valueOf(program.metadataUrl)).toBe("https://mcp.acme.test/.well-known/oauth-protected-resource");
  });

  it("refuses an onboarding output without organization ids rather than open the server to all", () => {
    expect(() => organizationIdsOf({}, "x")).toThrow(/no organization ids/);
    expect(() => organizationIdsOf({ acme: { organizationId: "" } }, "x")).toThrow(/no organization ids/);
    expect(organizationIdsOf({ a: { organizationId: "org_1" } }, "x")).toEqual(["org_1"]);
  });
});
