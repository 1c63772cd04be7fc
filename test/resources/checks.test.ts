import { UNKNOWN } from "../../provider/core/unknowns";
import { selfSignedCertificate } from "../helpers/certificates";
import { runtime, unconfiguredRuntime } from "../helpers/runtime";

/*
 * check runs at preview, before any API call: these run with no Scalekit credentials configured at
 * all, so a single API call would throw instead of returning failures.
 */
beforeAll(() => unconfiguredRuntime());
afterAll(() => runtime.closeClients());

const ORG = "org_123456789";
const check = (kind: string, news: Record<string, unknown>, olds: Record<string, unknown> = {}) => runtime.check(kind, olds, news);

describe("Organization check", () => {
  test("normalizes valid inputs", async () => {
    const result = await check("Organization", { displayName: "  Acme Corp ", metadata: {}, features: {}, externalId: "acme-1" });
    expect(result).toEqual({ inputs: { displayName: "Acme Corp", externalId: "acme-1" }, failures: [] });
  });

  test.each`
    news                                                                      | property          | rule
    ${{}}                                                                     | ${"displayName"}  | ${/expected string/}
    ${{ displayName: "" }}                                                    | ${"displayName"}  | ${/must not be empty/}
    ${{ displayName: "x".repeat(201) }}                                       | ${"displayName"}  | ${/at most 200/}
    ${{ displayName: "A", slug: "Acme Corp" }}                                | ${"slug"}         | ${/lower-case letters/}
    ${{ displayName: "A", slug: "-acme" }}                                    | ${"slug"}         | ${/lower-case letters/}
    ${{ displayName: "A", logoUrl: "http://cdn.acme.com/logo.png" }}          | ${"logoUrl"}      | ${/https/}
    ${{ displayName: "A", metadata: { ab: "x" } }}                            | ${"metadata.ab"}  | ${/keys must be 3–25/}
    ${{ displayName: "A", metadata: { plan: "" } }}                           | ${"metadata.plan"} | ${/values must be 1–256/}
    ${{ displayName: "A", metadata: Object.fromEntries(Array.from({ length: 11 }, (_, i) => [`key${i}`, "v"])) }} | ${"metadata"} | ${/at most 10/}
    ${{ displayName: "A", features: { sso: "yes" } }}                          | ${"features.sso"} | ${/expected boolean/}
    ${{ displayName: "A", features: { directory_sync: true } }}               | ${"features"}     | ${/Unrecognized key.*directory_sync/}
    ${{ displayName: "A", color: "red" }}                                     | ${""}             | ${/Unrecognized key.*color/}
  `("$property: $rule", async ({ news, property, rule }) => {
    const { failures } = await check("Organization", news);
    expect(failures).toContainEqual({ property, reason: expect.stringMatching(rule) });
    for (const failure of failures) if (failure.property) expect(failure.reason.startsWith(`${failure.property}: `)).toBe(true);
  });
});

describe("Domain check", () => {
  test("lower-cases the domain, drops a trailing dot and defaults the type", async () => {
    expect(await check("Domain", { organizationId: ORG, domain: " AcmeCorp.COM. " })).toEqual({
      inputs: { organizationId: ORG, domain: "acmecorp.com", domainType: "ORGANIZATION_DOMAIN" },
      failures: [],
    });
  });

  test.each`
    news                                                              | property            | rule
    ${{ organizationId: "acme", domain: "acme.com" }}                 | ${"organizationId"} | ${/org_/}
    ${{ organizationId: ORG, domain: "gmail.com" }}                   | ${"domain"}         | ${/public or disposable/}
    ${{ organizationId: ORG, domain: "mailinator.com" }}              | ${"domain"}         | ${/public or disposable/}
    ${{ organizationId: ORG, domain: "https://acme.com" }}            | ${"domain"}         | ${/domain name such as/}
    ${{ organizationId: ORG, domain: "user@acme.com" }}               | ${"domain"}         | ${/domain name such as/}
    ${{ organizationId: ORG, domain: "*.acme.com" }}                  | ${"domain"}         | ${/domain name such as/}
    ${{ organizationId: ORG, domain: "localhost" }}                   | ${"domain"}         | ${/4–255|domain name such as/}
    ${{ organizationId: ORG, domain: "acme.com", domainType: "SSO" }} | ${"domainType"}     | ${/ORGANIZATION_DOMAIN, ALLOWED_EMAIL_DOMAIN/}
  `("$news.domain / $property: $rule", async ({ news, property, rule }) => {
    expect((await check("Domain", news)).failures).toContainEqual({ property, reason: expect.stringMatching(rule) });
  });

  test("an organization id not known yet (preview of a new tenant) is not judged", async () => {
    expect((await check("Domain", { organizationId: UNKNOWN, domain: "acme.com" })).failures).toEqual([]);
  });
});

describe("AdminPortalLink check", () => {
  test("defaults to the sso feature and sorts features", async () => {
    expect((await check("AdminPortalLink", { organizationId: ORG })).inputs).toEqual({ organizationId: ORG, features: ["sso"], regenerateWhenExpired: false });
    expect((await check("AdminPortalLink", { organizationId: ORG, features: ["sso", "dir_sync", "sso"] })).inputs.features).toEqual(["dir_sync", "sso"]);
  });

  test.each`
    news                                                       | property        | rule
    ${{ organizationId: ORG, features: [] }}                   | ${"features"}   | ${/at least one/}
    ${{ organizationId: ORG, features: ["domain_verification"] }} | ${"features.0"} | ${/one of sso, dir_sync/}
    ${{ organizationId: ORG, triggers: { rotate: { a: 1 } } }} | ${"triggers.rotate"} | ${/./}
  `("$property: $rule", async ({ news, property, rule }) => {
    expect((await check("AdminPortalLink", news)).failures).toContainEqual({ property, reason: expect.stringMatching(rule) });
  });
});

describe("SSOConnection check", () => {
  let certificate: string;
  beforeAll(async () => {
    certificate = (await selfSignedCertificate()).cert;
  });
  const saml = () => ({ entityId: "http://www.okta.com/exk1", ssoUrl: "https://acme.okta.com/app/sso/saml", certificate });
  const oidc = { issuer: "https://login.microsoftonline.com/tenant/v2.0", clientId: "client", clientSecret: "s3cret" };

  test("normalizes: canonical certificate PEM, sorted scopes, defaults; validation opt-out keeps it offline", async () => {
    const messy = certificate.replace(/\n/g, "\r\n   ");
    const result = await check("SSOConnection", { organizationId: ORG, provider: "OKTA", saml: { ...saml(), certificate: messy }, validateIdp: false });
    expect(result.failures).toEqual([]);
    expect(result.inputs.saml.certificate).toBe(certificate.replace(/\r?\n/g, "\n").replace(/\n?$/, "\n"));
    expect(result.inputs).toMatchObject({ enabled: true, validateIdp: false });
    const withOidc = await check("SSOConnection", { organizationId: ORG, provider: "MICROSOFT_AD", oidc: { ...oidc, scopes: ["email", "openid", "email"] }, validateIdp: false });
    expect(withOidc.inputs.oidc.scopes).toEqual(["email", "openid"]);
  });

  test.each`
    name                        | news                                                                                           | property                   | rule
    ${"no protocol"}            | ${{ organizationId: ORG, provider: "OKTA" }}                                                   | ${"saml"}                  | ${/exactly one of saml or oidc/}
    ${"both protocols"}         | ${{ organizationId: ORG, provider: "OKTA", saml: { metadataUrl: "https://a.okta.com/m" }, oidc }} | ${"saml"}              | ${/exactly one of saml or oidc/}
    ${"unknown provider"}       | ${{ organizationId: ORG, provider: "AZURE", oidc }}                                            | ${"provider"}              | ${/MICROSOFT_AD/}
    ${"social provider"}        | ${{ organizationId: ORG, provider: "GITHUB", oidc }}                                           | ${"provider"}              | ${/social login provider/}
    ${"incomplete SAML"}        | ${{ organizationId: ORG, provider: "OKTA", saml: { entityId: "x" } }}                          | ${"saml"}                  | ${/missing ssoUrl, certificate/}
    ${"http metadata URL"}      | ${{ organizationId: ORG, provider: "OKTA", saml: { metadataUrl: "http://acme.okta.com/m" } }}  | ${"saml.metadataUrl"}      | ${/https/}
    ${"malformed certificate"}  | ${{ organizationId: ORG, provider: "OKTA", saml: { entityId: "e", ssoUrl: "https://a.b/c", certificate: "-----BEGIN CERTIFICATE-----\nnot-base64!\n-----END CERTIFICATE-----" } }} | ${"saml.certificate"} | ${/PEM X.509/}
    ${"bad binding"}            | ${{ organizationId: ORG, provider: "OKTA", saml: { metadataUrl: "https://a.okta.com/m", ssoRequestBinding: "SOAP" } }} | ${"saml.ssoRequestBinding"} | ${/HTTP_POST, HTTP_REDIRECT/}
    ${"OIDC without endpoints"} | ${{ organizationId: ORG, provider: "OKTA", oidc: { clientId: "c", clientSecret: "s" } }}       | ${"oidc"}                  | ${/issuer or discoveryEndpoint/}
    ${"OIDC without secret"}    | ${{ organizationId: ORG, provider: "OKTA", oidc: { issuer: "https://a.okta.com", clientId: "c" } }} | ${"oidc.clientSecret"} | ${/expected string/}
    ${"scopes without openid"}  | ${{ organizationId: ORG, provider: "OKTA", oidc: { ...oidc, scopes: ["email"] } }}             | ${"oidc.scopes"}           | ${/must include openid/}
    ${"unknown scope"}          | ${{ organizationId: ORG, provider: "OKTA", oidc: { ...oidc, scopes: ["openid", "groups"] } }}  | ${"oidc.scopes.1"}         | ${/openid, profile, email/}
    ${"too many mappings"}      | ${{ organizationId: ORG, provider: "OKTA", oidc, attributeMapping: Object.fromEntries(Array.from({ length: 31 }, (_, i) => [`a${i}`, "v"])) }} | ${"attributeMapping"} | ${/at most 30/}
  `("$name → $property", async ({ news, property, rule }) => {
    const { failures } = await check("SSOConnection", { validateIdp: false, ...news });
    expect(failures).toContainEqual({ property, reason: expect.stringMatching(rule) });
  });
});

describe("check in a preview, with values not known yet", () => {
  test.each`
    kind                  | news                                                                                               | expected
    ${"Domain"}           | ${{ organizationId: UNKNOWN, domain: " AcmeCorp.COM. " }}                                          | ${{ organizationId: UNKNOWN, domain: "acmecorp.com", domainType: "ORGANIZATION_DOMAIN" }}
    ${"AdminPortalLink"}  | ${{ organizationId: UNKNOWN, features: ["sso", "dir_sync"] }}                                      | ${{ organizationId: UNKNOWN, features: ["dir_sync", "sso"], regenerateWhenExpired: false }}
    ${"SSOConnection"}    | ${{ organizationId: ORG, provider: "OKTA", saml: { metadataUrl: UNKNOWN }, validateIdp: false }}    | ${{ organizationId: ORG, provider: "OKTA", saml: { metadataUrl: UNKNOWN }, enabled: true, validateIdp: false }}
    ${"Organization"}     | ${{ displayName: UNKNOWN, metadata: {}, features: {} }}                                            | ${{ displayName: UNKNOWN }}
  `("$kind: every known field normalized and defaulted, the unknown ones kept", async ({ kind, news, expected }) => {
    expect(await check(kind, news)).toEqual({ inputs: expected, failures: [] });
  });
});
