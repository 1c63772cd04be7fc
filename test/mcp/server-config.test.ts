import { ConfigError, loadConfig } from "../../examples/mcp-server/src/config";

const REQUIRED = { SK_ENV_URL: "https://acme.scalekit.dev/", MCP_SERVER_ID: "res_74511963372470305" };

function problemsOf(env: NodeJS.ProcessEnv): string[] {
  try {
    loadConfig(env);
  } catch (err) {
    if (err instanceof ConfigError) return err.problems;
    throw err;
  }
  throw new Error("expected a ConfigError");
}

describe("server configuration from environment variables", () => {
  it("derives the resource URL, audiences and defaults from the required variables", () => {
    expect(loadConfig(REQUIRED)).toEqual({
      port: 3002,
      host: "0.0.0.0",
      environmentUrl: "https://acme.scalekit.dev",
      resourceId: "res_74511963372470305",
      publicUrl: "http://localhost:3002",
      resourceUrl: "http://localhost:3002/mcp",
      audiences: ["http://localhost:3002/mcp", "res_74511963372470305"],
      scopesSupported: ["notes:read", "notes:write", "offline_access"],
      resourceDocumentation: undefined,
      allowedOrganizationIds: undefined,
      managementClient: undefined,
      jwksCooldownSeconds: 30,
    });
  });

  it("takes the public URL, expected audience, extra scopes and management credentials when given", () => {
    const config = loadConfig({
      ...REQUIRED,
      PORT: "8080",
      PUBLIC_URL: "https://mcp.acme.test/",
      EXPECTED_AUDIENCE: "https://mcp.acme.test/",
      SCOPES_SUPPORTED: "notes:read, notes:write offline_access",
      SK_CLIENT_ID: "skc_1",
      SK_CLIENT_SECRET: "secret",
      RESOURCE_DOCUMENTATION_URL: "https://docs.acme.test/mcp",
      ALLOWED_ORGANIZATION_IDS: "org_1,org_2 org_1",
    });
    expect(config).toMatchObject({
      port: 8080,
      resourceUrl: "https://mcp.acme.test/mcp",
      audiences: ["https://mcp.acme.test/", "res_74511963372470305"],
      scopesSupported: ["notes:read", "notes:write", "offline_access"],
      managementClient: { clientId: "skc_1", clientSecret: "secret" },
      resourceDocumentation: "https://docs.acme.test/mcp",
      allowedOrganizationIds: ["org_1", "org_2"],
    });
  });

  it("names every missing or malformed variable at once, and treats empty values as unset", () => {
    expect(problemsOf({ SK_ENV_URL: "", PORT: "http" })).toEqual(
      expect.arrayContaining([expect.stringMatching(/^SK_ENV_URL: /), expect.stringMatching(/^MCP_SERVER_ID: /), expect.stringMatching(/^PORT: /)]),
    );
    expect(problemsOf({ ...REQUIRED, MCP_SERVER_ID: "notes" })).toEqual(["MCP_SERVER_ID: must be a Scalekit resource id (res_…)"]);
    expect(problemsOf({ ...REQUIRED, SK_ENV_URL: "ftp://acme.test" })).toEqual(["SK_ENV_URL: must be an http or https URL"]);
  });

  it("refuses half a credential pair and scopes that leave out what the tools need", () => {
    expect(problemsOf({ ...REQUIRED, SK_CLIENT_ID: "skc_1" })).toEqual(["SK_CLIENT_SECRET: set both or neither of SK_CLIENT_ID and SK_CLIENT_SECRET"]);
    expect(problemsOf({ ...REQUIRED, SCOPES_SUPPORTED: "notes:read" })).toEqual(["SCOPES_SUPPORTED: must include the scopes the tools need (notes:write)"]);
  });
});
