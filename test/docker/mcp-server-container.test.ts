import { startOidcIdp, type LocalOidcIdp } from "../../examples/idp/oidc/start-oidc-idp";
import type { McpResource } from "../../emulator";
import { docker, dockerEngineVersion } from "../../scripts/docker/docker-cli";
import { extraCaCertificates } from "../../scripts/docker/extra-ca-certificates";
import { ensureLocalNodeImage } from "../../scripts/docker/local-node-image";
import { buildSampleImage } from "../../scripts/docker/sample-image";
import { startAuthorizationServer, type AuthorizationServerFixture } from "../e2e/support/authorization-server-fixture";
import { callTool, hopSummary, oidcSignInHops, signInAs } from "../e2e/support/sign-in";
import { freeLocalPort, startContainer, waitUntilHealthy, type ContainerStart } from "./support/container";

/*
 * examples/mcp-server's image, built from its real Dockerfile on the local Docker engine (the base is
 * an image of this machine's Node, imported: no registry), run with its port published on 127.0.0.1
 * only, and used through Scalekit's MCP SSO flow: the emulator as Scalekit, oidc-provider as the
 * customer's IdP, the official MCP SDK client. Without a Docker engine every test here fails, saying so.
 */
const RUN = `${process.pid}-${Date.now().toString(36)}`;
const IMAGE = `scalekit-mcp-notes:test-${RUN}`;
const BUILD_STAGE_IMAGE = `${IMAGE}-build-stage`;
const NETWORK = `scalekit-test-${RUN}`;
const CONTAINER = `scalekit-mcp-notes-test-${RUN}`;
const DOMAIN = "hooli-container.test";
const SETUP_MS = 15 * 60_000;

let idp: LocalOidcIdp;
let scalekit: AuthorizationServerFixture;
let resource: McpResource;
let publicUrl: string;
const closers: Array<() => Promise<unknown>> = [];

beforeAll(async () => {
  await dockerEngineVersion();
  const baseImage = await ensureLocalNodeImage();
  // The build stage gets a name of its own, so that removing both names removes every layer built here.
  const build = { baseImage, extraCaCertificates: extraCaCertificates() };
  closers.push(() => docker(["image", "rm", "--force", IMAGE, BUILD_STAGE_IMAGE]).catch(() => undefined));
  await buildSampleImage(BUILD_STAGE_IMAGE, { ...build, target: "build" });
  await buildSampleImage(IMAGE, build);

  // The container reaches the emulator at the network's gateway, an address of this machine; the
  // emulator listens there so that its URL (the tokens' issuer) is the same on both sides.
  await docker(["network", "create", NETWORK]);
  closers.push(() => docker(["network", "rm", NETWORK]));
  const gateway = await docker(["network", "inspect", "--format", "{{(index .IPAM.Config 0).Gateway}}", NETWORK]);

  idp = await startOidcIdp();
  closers.push(() => idp.close());
  scalekit = await startAuthorizationServer(idp, DOMAIN, { host: gateway });
  closers.push(() => scalekit.close());

  const port = await freeLocalPort();
  publicUrl = `http://127.0.0.1:${port}`;
  resource = scalekit.session.emulator.mcp.registerResource({ resourceUrl: `${publicUrl}/mcp`, displayName: "Notes", scopes: ["notes:read", "notes:write"] });
  const start: ContainerStart = {
    name: CONTAINER,
    image: IMAGE,
    network: NETWORK,
    publish: `127.0.0.1:${port}:3002`,
    env: { SK_ENV_URL: scalekit.url, MCP_SERVER_ID: resource.id, PUBLIC_URL: publicUrl, SK_CLIENT_ID: scalekit.session.emulator.clientId },
    secretEnv: { SK_CLIENT_SECRET: scalekit.session.emulator.clientSecret },
  };
  closers.push(() => docker(["rm", "--force", CONTAINER]));
  await startContainer(start);
  await waitUntilHealthy(CONTAINER, 60_000);
}, SETUP_MS);

afterAll(async () => {
  for (const close of closers.reverse()) await close().catch((err) => console.error(`cleanup: ${err}`));
}, 120_000);

const inspect = async (format: string) => JSON.parse(await docker(["inspect", "--format", `{{json ${format}}}`, CONTAINER]));

describe("the sample MCP server's image, in a container", () => {
  it("is healthy by its own HEALTHCHECK, published on 127.0.0.1 only, and runs as node with production dependencies only", async () => {
    expect(await inspect(".State.Health.Status")).toBe("healthy");
    expect(await inspect(".NetworkSettings.Ports")).toEqual({ "3002/tcp": [{ HostIp: "127.0.0.1", HostPort: new URL(publicUrl).port }] });
    expect(await inspect(".Config.User")).toBe("node");
    const installed = JSON.parse(await docker(["exec", CONTAINER, "node", "-p", "JSON.stringify(require('fs').readdirSync('node_modules'))"]));
    expect(installed).toEqual(expect.arrayContaining(["@modelcontextprotocol", "express", "jose", "zod"]));
    expect(installed).not.toContain("typescript");
  });

  it("answers a call without a token with the challenge that names its metadata", async () => {
    const response = await fetch(`${publicUrl}/mcp`, { method: "POST", headers: { "content-type": "application/json" }, body: "{}" });
    expect(response.status).toBe(401);
    expect(response.headers.get("www-authenticate")).toBe(`Bearer realm="OAuth", resource_metadata="${publicUrl}/.well-known/oauth-protected-resource"`);
  });

  it("lets a user of the organization sign in through the IdP and use the tools", async () => {
    const attempt = signInAs(`someone@${DOMAIN}`, new URL(`${publicUrl}/mcp`));
    const client = await attempt.connect();
    try {
      expect(await callTool(client, "whoami")).toMatchObject({
        organizationId: scalekit.organizationId,
        organizationName: "Hooli",
        email: `someone@${DOMAIN}`,
        scopes: ["notes:read", "notes:write"],
      });
      await callTool(client, "add_note", { text: "built and run in Docker" });
      expect(await callTool(client, "list_notes")).toMatchObject({ notes: [expect.objectContaining({ text: "built and run in Docker", author: `someone@${DOMAIN}` })] });
    } finally {
      await client.close();
    }
    expect(hopSummary(attempt.hops, { [scalekit.url]: "scalekit", [idp.issuer]: "idp" })).toEqual(oidcSignInHops());

    const logs = await docker(["logs", CONTAINER]);
    expect(logs).toMatch(/"event":"request".*"path":"\/mcp".*"status":200/);
    expect(logs).not.toContain(attempt.provider.tokens()!.access_token);
    expect(logs).not.toContain(scalekit.session.emulator.clientSecret);
  });
});
