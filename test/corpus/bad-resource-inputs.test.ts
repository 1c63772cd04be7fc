import { expiredCertificate, selfSignedCertificate } from "../helpers/certificates";
import { DynamicProviderHost, secretValue, urnOf } from "../helpers/dynamic-host";
import { useEmulator } from "../helpers/emulator";
import { IdpDocumentServer, samlIdpMetadata } from "../helpers/idp-documents";
import { serializedProvider } from "../helpers/serialized-provider";

/*
 * Bad resource inputs, including what only the IdP can tell (unreachable metadata, expired
 * certificates, a discovery document of another issuer): each is refused at `check` by the real
 * dynamic-provider host, naming the field and the rule, with no call to the Scalekit API.
 */
const env = useEmulator();
let host: DynamicProviderHost;
let idp: IdpDocumentServer;
const providers: Record<string, string> = {};
const ORG = "org_12345";

beforeAll(async () => {
  for (const kind of ["Organization", "Domain", "SSOConnection", "AdminPortalLink"]) providers[kind] = await serializedProvider(kind);
  idp = await IdpDocumentServer.start();
  host = await DynamicProviderHost.start();
  await host.configure({ "scalekit:environmentUrl": env.emulator.url, "scalekit:clientId": env.emulator.clientId, "scalekit:clientSecret": secretValue(env.emulator.clientSecret) });
});
afterAll(async () => {
  host?.stop();
  await idp?.close();
});

interface BadInput {
  name: string;
  kind: string;
  inputs: () => Promise<Record<string, unknown>> | Record<string, unknown>;
  property: string;
  rule: RegExp;
}

const CASES: BadInput[] = [
  { name: "unreachable SAML metadata URL", kind: "SSOConnection", inputs: () => ({ organizationId: ORG, provider: "OKTA", saml: { metadataUrl: "http://127.0.0.1:9/app/metadata" } }), property: "saml.metadataUrl", rule: /could not be fetched.*validateIdp: false/ },
  { name: "metadata URL that serves a login page", kind: "SSOConnection", inputs: () => ({ organizationId: ORG, provider: "OKTA", saml: { metadataUrl: idp.serve("/login", "<html><body>Sign in</body></html>") } }), property: "saml.metadataUrl", rule: /not SAML identity provider metadata/ },
  {
    name: "metadata whose signing certificate expired",
    kind: "SSOConnection",
    inputs: async () => ({ organizationId: ORG, provider: "ADFS", saml: { metadataUrl: idp.serve("/adfs", samlIdpMetadata({ entityId: "http://adfs.acme.com/adfs/services/trust", ssoUrl: "https://adfs.acme.com/adfs/ls", certificatePem: (await expiredCertificate()).cert })) } }),
    property: "saml.metadataUrl",
    rule: /expired/,
  },
  { name: "expired inline certificate", kind: "SSOConnection", inputs: async () => ({ organizationId: ORG, provider: "GOOGLE", saml: { entityId: "https://accounts.google.com/o/saml2?idpid=x", ssoUrl: "https://accounts.google.com/o/saml2/idp?idpid=x", certificate: (await expiredCertificate()).cert } }), property: "saml.certificate", rule: /expired on 2021-01-01/ },
  {
    name: "entity id that the metadata contradicts",
    kind: "SSOConnection",
    inputs: async () => ({ organizationId: ORG, provider: "OKTA", saml: { metadataUrl: idp.serve("/okta", samlIdpMetadata({ entityId: "http://www.okta.com/real", ssoUrl: "https://x.okta.com/sso", certificatePem: (await selfSignedCertificate()).cert })), entityId: "http://www.okta.com/typo" } }),
    property: "saml.entityId",
    rule: /does not match the entityID/,
  },
  { name: "OIDC discovery document of another issuer", kind: "SSOConnection", inputs: () => ({ organizationId: ORG, provider: "MICROSOFT_AD", oidc: { discoveryEndpoint: `${idp.serveOidcIssuer("/tenant-a")}/.well-known/openid-configuration`, issuer: `${idp.url}/tenant-b`, clientId: "c", clientSecret: "s" } }), property: "oidc.issuer", rule: /does not match the issuer/ },
  { name: "OIDC issuer without a discovery document", kind: "SSOConnection", inputs: () => ({ organizationId: ORG, provider: "OKTA", oidc: { issuer: `${idp.url}/nothing-here`, clientId: "c", clientSecret: "s" } }), property: "oidc.issuer", rule: /answered HTTP 404/ },
  { name: "connection field that does not exist", kind: "SSOConnection", inputs: () => ({ organizationId: ORG, provider: "OKTA", saml: { metadataUrl: "https://a.okta.com/m" }, validateIdp: false, enable: true }), property: "", rule: /Unrecognized key.*enable/ },
  { name: "organization without a name", kind: "Organization", inputs: () => ({ displayName: "   " }), property: "displayName", rule: /must not be empty/ },
  { name: "domain of a non-organization", kind: "Domain", inputs: () => ({ organizationId: "acme-123", domain: "acme.com" }), property: "organizationId", rule: /org_/ },
  { name: "domain that is a URL", kind: "Domain", inputs: () => ({ organizationId: ORG, domain: "https://acme.com/login" }), property: "domain", rule: /domain name such as/ },
  { name: "portal link without features", kind: "AdminPortalLink", inputs: () => ({ organizationId: ORG, features: [] }), property: "features", rule: /at least one/ },
];

describe("bad resource inputs are refused at check, before any API call", () => {
  test.each(CASES)("$kind: $name", async ({ kind, inputs, property, rule }) => {
    const start = env.emulator.requestLog.length;
    const { failures } = await host.check(urnOf(kind, "bad"), {}, { ...(await inputs()), __provider: providers[kind] });
    expect(failures).toContainEqual({ property, reason: expect.stringMatching(rule) });
    expect(env.emulator.requestLog.length).toBe(start);
  });
});
