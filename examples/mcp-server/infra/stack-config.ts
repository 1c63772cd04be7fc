import * as pulumi from "@pulumi/pulumi";

export const PROJECT = "scalekit-mcp-server";

export interface NotesServerSettings {
  /** The folder with the Dockerfile: the build context. */
  appDir: string;
  environmentUrl: string;
  /** The URL clients reach the server at. */
  publicUrl: string;
  /** The URL registered with Scalekit (the tokens' audience): `{publicUrl}/mcp` unless `expectedAudience` says otherwise. */
  serverUrl: string;
  /** Set when the registered URL is not `{publicUrl}/mcp`. */
  expectedAudience?: string;
  /** Shown on Scalekit's consent screen. */
  serverName: string;
  scopes?: string[];
  accessTokenLifetimeSeconds?: number;
  containerPort: number;
  hostPort: number;
  imageName: string;
  containerName: string;
  /** For organization names in `whoami`; the secret stays an Output marked secret. */
  managementClient?: { clientId: string; clientSecret: pulumi.Output<string> };
  allowedOrganizationIds?: pulumi.Output<string[]>;
}

/**
 * Reads the stack configuration. The Scalekit environment and API client use the same `scalekit:*`
 * keys as the onboarding stack (the provider reads them too, to register the server); the rest is
 * this project's. With `onboardingStack` set, only the organizations that stack onboarded may use
 * the server. Nothing comes from a dashboard: the stack registers the server and takes its id.
 */
export function readStackConfig(appDir: string): NotesServerSettings {
  const scalekit = new pulumi.Config("scalekit");
  const config = new pulumi.Config(PROJECT);

  const environmentUrl = scalekit.require("environmentUrl").replace(/\/+$/, "");
  if (!/^https?:\/\/[^/]+/.test(environmentUrl)) throw new Error(`scalekit:environmentUrl must be an http(s) URL, got "${environmentUrl}"`);
  const containerPort = config.getNumber("port") ?? 3002;
  const hostPort = config.getNumber("hostPort") ?? containerPort;
  const clientId = scalekit.get("clientId");
  const onboardingStack = config.get("onboardingStack");

  const publicUrl = (config.get("publicUrl") ?? `http://localhost:${hostPort}`).replace(/\/+$/, "");
  const expectedAudience = config.get("expectedAudience");

  return {
    appDir,
    environmentUrl,
    publicUrl,
    serverUrl: expectedAudience ?? `${publicUrl}/mcp`,
    expectedAudience,
    serverName: config.get("serverName") ?? "Notes",
    scopes: config.getObject<string[]>("scopes"),
    accessTokenLifetimeSeconds: config.getNumber("accessTokenLifetimeSeconds"),
    containerPort,
    hostPort,
    imageName: config.get("imageName") ?? "scalekit-mcp-notes:latest",
    containerName: config.get("containerName") ?? "scalekit-mcp-notes",
    managementClient: clientId === undefined ? undefined : { clientId, clientSecret: scalekit.requireSecret("clientSecret") },
    allowedOrganizationIds: onboardingStack === undefined ? undefined : onboardedOrganizationIds(onboardingStack),
  };
}

function onboardedOrganizationIds(stackName: string): pulumi.Output<string[]> {
  const tenants = new pulumi.StackReference("onboarding", { name: stackName }).requireOutput("tenants");
  // `tenants` is secret as a whole because it holds admin-portal links; the ids alone are not.
  return pulumi.unsecret(tenants.apply((bundles) => organizationIdsOf(bundles, stackName)));
}

/**
 * The organization ids in the onboarding stack's `tenants` output (one hand-off bundle per tenant).
 * An empty list would leave ALLOWED_ORGANIZATION_IDS unset and let every organization in, so it fails.
 */
export function organizationIdsOf(tenants: unknown, stackName: string): string[] {
  const bundles = typeof tenants === "object" && tenants !== null ? Object.values(tenants) : [];
  const ids = bundles.map((bundle) => (bundle as { organizationId?: unknown })?.organizationId);
  if (ids.length === 0 || !ids.every((id): id is string => typeof id === "string" && id !== "")) {
    throw new Error(`the "tenants" output of ${stackName} has no organization ids; refusing to open the server to every organization`);
  }
  return ids;
}
