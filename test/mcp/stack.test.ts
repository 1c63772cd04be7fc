import { readFileSync } from "node:fs";
import { join } from "node:path";
import * as pulumi from "@pulumi/pulumi";
import { loadConfig } from "../../examples/mcp-server/src/config";
import { envObject, isSecretEnvelope, mockStack, MOCK_RESOURCE_ID, plaintextStrings, valueOf } from "./stack-mocks";

const appDir = join(__dirname, "..", "..", "examples", "mcp-server");
const CLIENT_SECRET = "test_stack-client-secret-do-not-print";
const registrations = mockStack();
pulumi.runtime.setAllConfig(
  {
    "scalekit:environmentUrl": "https://acme.scalekit.dev/",
    "scalekit:clientId": "skc_1234",
    "scalekit:clientSecret": CLIENT_SECRET,
  },
  ["scalekit:clientSecret"],
);

const program = require("../../examples/mcp-server/infra/index") as typeof import("../../examples/mcp-server/infra/index");
const registered = (type: string) => registrations.find((registration) => registration.type === type)!;

beforeAll(async () => {
  // Registration is asynchronous: wait for an output of the last resource, the container.
  await valueOf(program.metadataUrl);
});

describe("the MCP server stack under mocks", () => {
  it("registers the server it deploys with Scalekit: its URL, its scopes, nothing copied from a dashboard", () => {
    const { __provider, ...inputs } = registered("pulumi-nodejs:dynamic/scalekit:McpServer").inputs;
    expect(typeof __provider).toBe("string");
    expect(inputs).toEqual({ name: "Notes", serverUrl: "http://localhost:3002/mcp", scopes: ["notes:read", "notes:write"] });
  });

  it("builds the image from the example's Dockerfile without pushing it", () => {
    expect(registered("docker:index/image:Image").inputs).toMatchObject({
      imageName: "scalekit-mcp-notes:latest",
      build: { context: appDir, dockerfile: join(appDir, "Dockerfile") },
      skipPush: true,
    });
  });

  it("runs the built image with the port mapped, the Dockerfile's health probe and a restart policy", () => {
    const container = registered("docker:index/container:Container").inputs;
    expect(container).toMatchObject({
      name: "scalekit-mcp-notes",
      image: "sha256:0123abcd",
      ports: [{ internal: 3002, external: 3002 }],
      healthcheck: { interval: "30s", timeout: "5s", startPeriod: "10s", retries: 3 },
      restart: "unless-stopped",
    });
    const dockerfileProbe = readFileSync(join(appDir, "Dockerfile"), "utf8").match(/HEALTHCHECK[^\n]*\\\n\s*CMD (\[.*\])/)![1];
    expect(container.healthcheck.tests).toEqual(["CMD", ...JSON.parse(dockerfileProbe)]);
  });

  it("passes the server the environment its config parser accepts", () => {
    const env = envObject(registered("docker:index/container:Container").inputs.envs);
    expect(env).toEqual({
      PORT: "3002",
      SK_ENV_URL: "https://acme.scalekit.dev",
      MCP_SERVER_ID: MOCK_RESOURCE_ID,
      PUBLIC_URL: "http://localhost:3002",
      SK_CLIENT_ID: "skc_1234",
      SK_CLIENT_SECRET: CLIENT_SECRET,
    });
    expect(loadConfig(env)).toMatchObject({ resourceUrl: "http://localhost:3002/mcp", audiences: ["http://localhost:3002/mcp", MOCK_RESOURCE_ID] });
  });

  it("keeps the client secret out of plaintext in every registered input: it arrives in a secret envelope", () => {
    // Registration order depends on serialization timing (the McpServer's provider is serialized first).
    expect(registrations.map((registration) => registration.type).sort()).toEqual(["docker:index/container:Container", "docker:index/image:Image", "pulumi-nodejs:dynamic/scalekit:McpServer"]);
    for (const registration of registrations) {
      for (const text of plaintextStrings(registration.inputs)) expect(text).not.toContain(CLIENT_SECRET);
    }
    // Docker's `envs` is one property, so the secret entry makes the whole list secret.
    expect(isSecretEnvelope(registered("docker:index/container:Container").inputs.envs)).toBe(true);
    expect(JSON.stringify(registrations)).toContain(CLIENT_SECRET);
  });

  it("exports the server URL, the MCP URL, the protected resource metadata URL and the registration", async () => {
    expect(await valueOf(program.resourceId)).toBe(MOCK_RESOURCE_ID);
    expect(await valueOf(program.authorizationServerUrl)).toBe(`https://acme.scalekit.dev/resources/${MOCK_RESOURCE_ID}`);
    expect(await valueOf(program.serverUrl)).toBe("http://localhost:3002");
    expect(await valueOf(program.mcpUrl)).toBe("http://localhost:3002/mcp");
    expect(await valueOf(program.metadataUrl)).toBe("http://localhost:3002/.well-known/oauth-protected-resource");
  });
});
