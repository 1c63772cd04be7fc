/**
 * Scalekit resources brought about through a running dynamic-provider host, the way `pulumi up` drives
 * it (check, then create or update): a tenant (Organization, ORGANIZATION_DOMAIN Domain, SSOConnection)
 * and the MCP server its users sign in to (McpServer).
 */
export type Bag = Record<string, any>;

/** The part of a dynamic-provider host client used here (the engine stand-in's ProviderHost, tools/engine-standin). */
export interface ProviderHostClient {
  check(urn: string, olds: Bag, news: Bag): Promise<{ inputs: Bag; failures: Array<{ property: string; reason: string }> }>;
  create(urn: string, properties: Bag): Promise<{ id: string; props: Bag }>;
  update(urn: string, id: string, olds: Bag, news: Bag): Promise<Bag>;
}

export type ResourceKind = "Organization" | "Domain" | "SSOConnection" | "McpServer";

/** Where state would keep a resource: its URN, id, checked inputs and outputs. */
export interface DeployedResource {
  kind: ResourceKind;
  urn: string;
  id: string;
  inputs: Bag;
  props: Bag;
}

export interface TenantSpec {
  /** Logical name, as a stack would derive it from the tenant's slug. */
  name: string;
  displayName: string;
  domain: string;
  /** The SSOConnection's inputs other than `organizationId`. */
  connection: Bag;
}

export interface Tenant {
  organization: DeployedResource;
  domain: DeployedResource;
  connection: DeployedResource;
}

export class CheckFailedError extends Error {}

export class TenantDeployer {
  /**
   * @param providers the serialized `__provider` of each kind, as `dynamic.Resource` stores it
   * @param project the Pulumi project the URNs name
   */
  constructor(
    private readonly host: ProviderHostClient,
    private readonly providers: Record<ResourceKind, string>,
    private readonly project = "scalekit-sso-demo",
  ) {}

  async deploy(spec: TenantSpec): Promise<Tenant> {
    const organization = await this.create("Organization", spec.name, { displayName: spec.displayName, externalId: spec.name, features: { sso: true } });
    const domain = await this.create("Domain", `${spec.name}-domain`, { organizationId: organization.id, domain: spec.domain, domainType: "ORGANIZATION_DOMAIN" });
    const connection = await this.create("SSOConnection", `${spec.name}-sso`, { organizationId: organization.id, ...spec.connection });
    return { organization, domain, connection };
  }

  /** Registers an MCP server; its `resourceId` output is the server's MCP_SERVER_ID. */
  deployMcpServer(name: string, inputs: { name: string; serverUrl: string; scopes: string[] }): Promise<DeployedResource> {
    return this.create("McpServer", name, inputs);
  }

  async create(kind: ResourceKind, name: string, inputs: Bag): Promise<DeployedResource> {
    const urn = `urn:pulumi:demo::${this.project}::pulumi-nodejs:dynamic/scalekit:${kind}::${name}`;
    const checked = await this.check(urn, {}, inputs, kind);
    const created = await this.host.create(urn, checked);
    return { kind, urn, id: created.id, inputs: checked, props: created.props };
  }

  /** An in-place update, as `pulumi up` does after a changed program: check against the old inputs, then update. */
  async update(resource: DeployedResource, changes: Bag): Promise<DeployedResource> {
    const checked = await this.check(resource.urn, resource.inputs, { ...resource.inputs, ...changes }, resource.kind);
    const props = await this.host.update(resource.urn, resource.id, resource.props, checked);
    return { ...resource, inputs: checked, props };
  }

  private async check(urn: string, olds: Bag, inputs: Bag, kind: ResourceKind): Promise<Bag> {
    const { __provider: _previous, ...news } = inputs;
    const checked = await this.host.check(urn, olds, { ...news, __provider: this.providers[kind] });
    if (checked.failures.length > 0) {
      throw new CheckFailedError(`${kind} ${urn.split("::").pop()}: ${checked.failures.map((failure) => `${failure.property}: ${failure.reason}`).join("; ")}`);
    }
    return checked.inputs;
  }
}
