import * as path from "node:path";
import { UNKNOWN } from "../../provider/core/unknowns";
import type { DomainOutputs } from "../../provider/resources/domain/schema";
import type { OrganizationOutputs } from "../../provider/resources/organization/schema";
import type { SsoConnectionOutputs } from "../../provider/resources/sso-connection/schema";
import { PACKAGE_ROOT } from "../../scripts/package-root";
import { asAnalyzerReceives, PolicyAnalyzer, urnOf, type AnalyzedResource } from "../helpers/policy-analyzer";

/**
 * scalekit-connection-needs-organization-domain runs on the stack's resources as a whole (AnalyzeStack):
 * their final outputs after an update, their checked inputs in a preview, where ids of organizations
 * still to be created are unknown.
 */
const POLICY = "scalekit-connection-needs-organization-domain";
const TENANT = "scalekit:index:Tenant";
const TYPES = {
  organization: "pulumi-nodejs:dynamic/scalekit:Organization",
  domain: "pulumi-nodejs:dynamic/scalekit:Domain",
  connection: "pulumi-nodejs:dynamic/scalekit:SSOConnection",
};

let analyzer: PolicyAnalyzer;
beforeAll(async () => {
  analyzer = await PolicyAnalyzer.start({ packDirectory: path.join(PACKAGE_ROOT, "policy-pack") });
  await analyzer.configure({ [POLICY]: "mandatory" });
}, 60_000);
afterAll(() => analyzer?.stop());

type Stage = "preview" | "after up";

/** A tenant as the Tenant component registers it: organization, domains and connection, children of the tenant. */
function tenant(key: string, stage: Stage, options: { domains?: Array<[string, DomainOutputs["domainType"]?]>; enabled?: boolean; organizationId?: string } = {}): AnalyzedResource[] {
  const organizationUrn = urnOf(TYPES.organization, key, TENANT);
  const organizationId = stage === "preview" ? UNKNOWN : (options.organizationId ?? `org_${key.length}${key.charCodeAt(0)}`);
  const fromOrganization = { organizationId: [organizationUrn] };
  const organization: Partial<OrganizationOutputs> = { displayName: key, externalId: key, ...(stage === "after up" ? { organizationId, createTime: "2026-09-01T00:00:00Z" } : {}) };
  const domains = (options.domains ?? []).map(([domain, domainType]): AnalyzedResource => {
    const props: Partial<DomainOutputs> = { organizationId, domain, domainType, ...(stage === "after up" ? { domainId: `dom_${domain.length}`, verificationStatus: "VERIFIED" } : {}) };
    return { type: TYPES.domain, name: `${key}/${domain}`, urn: urnOf(TYPES.domain, `${key}/${domain}`, TENANT), props: withoutUndefined(props), propertyDependencies: fromOrganization };
  });
  const connectionProps: Partial<SsoConnectionOutputs> = {
    organizationId,
    provider: "OKTA",
    keyId: `${key}-okta-saml`,
    saml: { metadataUrl: `https://${key}.okta.com/metadata` },
    enabled: options.enabled,
    ...(stage === "after up" ? { protocol: "SAML", connectionId: `conn_${key.length}`, status: "COMPLETED" } : {}),
  };
  return [
    { type: TYPES.organization, name: key, urn: organizationUrn, props: withoutUndefined(organization) },
    ...domains,
    { type: TYPES.connection, name: `${key}/sso`, urn: urnOf(TYPES.connection, `${key}/sso`, TENANT), props: asAnalyzerReceives(withoutUndefined(connectionProps)), propertyDependencies: fromOrganization },
  ];
}

function withoutUndefined<T extends object>(value: T): Record<string, unknown> {
  return Object.fromEntries(Object.entries(value).filter(([, item]) => item !== undefined));
}

const violations = async (resources: AnalyzedResource[]) =>
  (await analyzer.analyzeStack(resources)).violations.filter((violation) => violation.policy === POLICY).map(({ urn, level }) => ({ urn, level }));

const flagged = (key: string) => ({ urn: urnOf(TYPES.connection, `${key}/sso`, TENANT), level: "mandatory" });

describe.each<Stage>(["preview", "after up"])("%s", (stage) => {
  test("an enabled connection whose organization has an ORGANIZATION_DOMAIN passes", async () => {
    expect(await violations(tenant("acme", stage, { domains: [["acmecorp.com", "ORGANIZATION_DOMAIN"]], enabled: true }))).toEqual([]);
  });

  test("an enabled connection whose organization has no domain at all is flagged, on the connection", async () => {
    expect(await violations(tenant("acme", stage, { enabled: true }))).toEqual([flagged("acme")]);
  });

  test("allowed-email domains do not route anyone to SSO", async () => {
    expect(await violations(tenant("acme", stage, { domains: [["acme.io", "ALLOWED_EMAIL_DOMAIN"]], enabled: true }))).toEqual([flagged("acme")]);
  });

  test("a connection left at the default (enabled) counts as enabled; a domain left at the default type counts as an organization domain", async () => {
    expect(await violations(tenant("acme", stage, {}))).toEqual([flagged("acme")]);
    expect(await violations(tenant("acme", stage, { domains: [["acmecorp.com"]] }))).toEqual([]);
  });

  test("a disabled connection needs no domain yet", async () => {
    expect(await violations(tenant("acme", stage, { enabled: false }))).toEqual([]);
  });

  test("the domain of another tenant does not count", async () => {
    const resources = [...tenant("acme", stage, { domains: [["acmecorp.com"]] }), ...tenant("globex", stage, { domains: [["globex.io", "ALLOWED_EMAIL_DOMAIN"]] })];
    expect(await violations(resources)).toEqual([flagged("globex")]);
  });
});

describe("matching organizations without dependencies", () => {
  const dropDependencies = (resources: AnalyzedResource[]) => resources.map(({ propertyDependencies: _ignored, ...resource }) => resource);

  test("after an up, the organization id in the inputs matches the organization's output", async () => {
    const acme = tenant("acme", "after up", { domains: [["acmecorp.com"]], organizationId: "org_111" });
    const globex = tenant("globex", "after up", { organizationId: "org_222" });
    expect(await violations(dropDependencies([...acme, ...globex]))).toEqual([flagged("globex")]);
  });

  test("an organization managed in another stack (referred to by id, no domain here) is not judged", async () => {
    const connection = tenant("acme", "after up", { organizationId: "org_999" }).filter((resource) => resource.type === TYPES.connection);
    expect(await violations(dropDependencies(connection))).toEqual([]);
  });

  test("an organization referred to by id whose domains are in this stack is judged on them", async () => {
    const resources = dropDependencies(tenant("acme", "after up", { organizationId: "org_999", domains: [["acme.io", "ALLOWED_EMAIL_DOMAIN"]] })).filter((resource) => resource.type !== TYPES.organization);
    expect(await violations(resources)).toEqual([flagged("acme")]);
  });

  test("in a preview, a domain whose organization or type is not known yet gives the connection the benefit of the doubt", async () => {
    const resources = dropDependencies(tenant("acme", "preview", { domains: [["acmecorp.com"]] }));
    expect(await violations(resources)).toEqual([]);
    const unknownType = tenant("acme", "preview", { domains: [["acmecorp.com"]] }).map((resource) =>
      resource.type === TYPES.domain ? { ...resource, props: { ...resource.props, domainType: UNKNOWN } } : resource,
    );
    expect(await violations(unknownType)).toEqual([]);
  });
});

test("the policy ran (no 'can't run during preview' notice) on a preview full of unknowns", async () => {
  const verdict = await analyzer.analyzeStack(tenant("acme", "preview", { domains: [["acmecorp.com"]] }));
  expect(verdict.violations).toEqual([]);
  expect(verdict.notApplicable).not.toContain(POLICY);
});
