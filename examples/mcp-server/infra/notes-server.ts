import * as path from "node:path";
import * as docker from "@pulumi/docker";
import * as pulumi from "@pulumi/pulumi";
import type { NotesServerSettings } from "./stack-config";

/** The same probe as the Dockerfile's HEALTHCHECK (node:20-slim has no curl): GET /healthz. */
export const HEALTH_PROBE = [
  "CMD",
  "node",
  "-e",
  "fetch('http://127.0.0.1:' + (process.env.PORT || 3002) + '/healthz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))",
];

export interface NotesServer {
  image: docker.Image;
  container: docker.Container;
  serverUrl: pulumi.Output<string>;
  mcpUrl: pulumi.Output<string>;
  metadataUrl: pulumi.Output<string>;
}

/**
 * Builds the server image locally (no registry, no push) and runs one container of it, configured with
 * the Scalekit resource id its registration (an McpServer) got.
 */
export function deployNotesServer(settings: NotesServerSettings, resourceId: pulumi.Input<string>): NotesServer {
  const image = new docker.Image("notes-server", {
    imageName: settings.imageName,
    build: { context: settings.appDir, dockerfile: path.join(settings.appDir, "Dockerfile") },
    skipPush: true,
  });

  const container = new docker.Container("notes-server", {
    name: settings.containerName,
    // For a local build this is the image id, so a rebuilt image replaces the container.
    image: image.repoDigest,
    envs: serverEnvironment(settings, resourceId),
    ports: [{ internal: settings.containerPort, external: settings.hostPort }],
    healthcheck: { tests: HEALTH_PROBE, interval: "30s", timeout: "5s", startPeriod: "10s", retries: 3 },
    restart: "unless-stopped",
  });

  // Derived from the container so that whoever reads them waits for it.
  const at = (suffix: string) => container.id.apply(() => `${settings.publicUrl}${suffix}`);
  return { image, container, serverUrl: at(""), mcpUrl: at("/mcp"), metadataUrl: at("/.well-known/oauth-protected-resource") };
}

/** The server's environment variables (see src/config.ts); the client secret entry stays secret. */
export function serverEnvironment(settings: NotesServerSettings, resourceId: pulumi.Input<string>): pulumi.Input<string>[] {
  const env: pulumi.Input<string>[] = [
    `PORT=${settings.containerPort}`,
    `SK_ENV_URL=${settings.environmentUrl}`,
    pulumi.interpolate`MCP_SERVER_ID=${resourceId}`,
    `PUBLIC_URL=${settings.publicUrl}`,
  ];
  if (settings.expectedAudience) env.push(`EXPECTED_AUDIENCE=${settings.expectedAudience}`);
  if (settings.scopes) env.push(`SCOPES_SUPPORTED=${settings.scopes.join(" ")}`);
  if (settings.managementClient) {
    env.push(`SK_CLIENT_ID=${settings.managementClient.clientId}`);
    env.push(pulumi.secret(pulumi.interpolate`SK_CLIENT_SECRET=${settings.managementClient.clientSecret}`));
  }
  if (settings.allowedOrganizationIds) env.push(settings.allowedOrganizationIds.apply((ids) => `ALLOWED_ORGANIZATION_IDS=${ids.join(",")}`));
  return env;
}
