import { runtime, unconfiguredRuntime } from "../helpers/runtime";
import { secretDigest } from "../../provider/resources/sso-connection/secret-digest";

/* diff is local: no credentials are configured, so an API call would throw. */
beforeAll(() => unconfiguredRuntime());

const ORG = "org_1";
const diff = (kind: string, olds: Record<string, unknown>, news: Record<string, unknown>) => runtime.diff(kind, "id", olds, news);

describe("Organization diff", () => {
  const olds = { displayName: "Acme", externalId: "acme", slug: "acme", metadata: { plan: "gold" }, features: { sso: true }, organizationId: "org_1", createTime: "t" };
  const inputs = { displayName: "Acme", externalId: "acme", slug: "acme", metadata: { plan: "gold" }, features: { sso: true } };

  test.each`
    change                                            | changes  | replaces
    ${{}}                                             | ${false} | ${[]}
    ${{ displayName: "Acme Inc" }}                    | ${true}  | ${[]}
    ${{ metadata: { plan: "gold", tier: "1" } }}      | ${true}  | ${[]}
    ${{ slug: undefined }}                            | ${true}  | ${[]}
    ${{ externalId: "acme-2" }}                       | ${true}  | ${[]}
    ${{ externalId: undefined }}                      | ${false} | ${[]}
    ${{ features: { sso: true, dir_sync: true } }}    | ${true}  | ${[]}
    ${{ logoUrl: "https://cdn.acme.com/logo.png" }}   | ${true}  | ${[]}
  `("$change → changes $changes, replaces $replaces", async ({ change, changes, replaces }) => {
    expect(await diff("Organization", olds, { ...inputs, ...change })).toEqual({ changes, replaces });
  });

  test("key order and absent-vs-undefined do not count as changes", async () => {
    const reordered = { features: { sso: true }, metadata: { plan: "gold" }, slug: "acme", externalId: "acme", displayName: "Acme", logoUrl: undefined };
    expect((await diff("Organization", olds, reordered)).changes).toBe(false);
  });

  test("a new serialized provider is a change (so new provider code reaches the state), never a replacement", async () => {
    expect(await diff("Organization", { ...olds, __provider: "v1" }, { ...inputs, __provider: "v2" })).toEqual({ changes: true, replaces: [] });
    expect((await diff("Organization", { ...olds, __provider: "v1" }, { ...inputs, __provider: "v1" })).changes).toBe(false);
  });
});

describe("Domain diff", () => {
  const olds = { organizationId: ORG, domain: "acme.com", domainType: "ORGANIZATION_DOMAIN", domainId: "dom_1", verificationStatus: "PENDING" };

  test.each`
    change                                     | replaces              | deleteBeforeReplace
    ${{}}                                      | ${[]}                 | ${false}
    ${{ domain: "acme.io" }}                   | ${["domain"]}         | ${false}
    ${{ domainType: "ALLOWED_EMAIL_DOMAIN" }}  | ${["domainType"]}     | ${true}
    ${{ organizationId: "org_2" }}             | ${["organizationId"]} | ${true}
  `("$change → replaces $replaces (delete first: $deleteBeforeReplace)", async ({ change, replaces, deleteBeforeReplace }) => {
    const news = { organizationId: ORG, domain: "acme.com", domainType: "ORGANIZATION_DOMAIN", ...change };
    expect(await diff("Domain", olds, news)).toEqual({ changes: replaces.length > 0, replaces, deleteBeforeReplace });
  });
});

describe("AdminPortalLink diff", () => {
  const olds = { organizationId: ORG, features: ["sso"], regenerateWhenExpired: false, linkId: "lnk_1", location: "https://x", expireTime: "2020-01-01T00:00:00Z" };
  const inputs = { organizationId: ORG, features: ["sso"], regenerateWhenExpired: false };

  test.each`
    change                                      | changes  | replaces
    ${{}}                                       | ${false} | ${[]}
    ${{ triggers: { rotation: "2" } }}          | ${true}  | ${["triggers"]}
    ${{ features: ["dir_sync", "sso"] }}        | ${true}  | ${["features"]}
    ${{ organizationId: "org_2" }}              | ${true}  | ${["organizationId"]}
    ${{ regenerateWhenExpired: true }}          | ${true}  | ${["expireTime"]}
  `("$change → replaces $replaces", async ({ change, changes, replaces }) => {
    expect(await diff("AdminPortalLink", olds, { ...inputs, ...change })).toEqual({ changes, replaces });
  });

  test("an expired link is not a perpetual diff unless regeneration is asked for", async () => {
    expect((await diff("AdminPortalLink", olds, inputs)).changes).toBe(false);
    const fresh = { ...olds, regenerateWhenExpired: true, expireTime: new Date(Date.now() + 60_000).toISOString() };
    expect((await diff("AdminPortalLink", fresh, { ...inputs, regenerateWhenExpired: true })).changes).toBe(false);
  });
});

describe("SSOConnection diff", () => {
  const saml = { metadataUrl: "https://acme.okta.com/app/exk1/sso/saml/metadata" };
  const samlOlds = { organizationId: ORG, provider: "OKTA", protocol: "SAML", saml, enabled: true, validateIdp: true, connectionId: "conn_1", acsUrl: "https://env/acs" };
  const samlNews = { organizationId: ORG, provider: "OKTA", saml, enabled: true, validateIdp: true };
  const oidcSettings = { issuer: "https://login.microsoftonline.com/t/v2.0", clientId: "cid", scopes: ["email", "openid", "profile"] };
  const oidcOlds = { organizationId: ORG, provider: "MICROSOFT_AD", protocol: "OIDC", oidc: { ...oidcSettings, clientSecretDigest: secretDigest("s1") }, enabled: true, validateIdp: true, connectionId: "conn_2" };
  const oidcNews = (secret: string, extra = {}) => ({ organizationId: ORG, provider: "MICROSOFT_AD", oidc: { ...oidcSettings, clientSecret: secret, ...extra }, enabled: true, validateIdp: true });

  test("a replacement that keeps its keyId deletes the old connection first (key ids are unique)", async () => {
    const withKey = { ...samlOlds, keyId: "acme-okta" };
    expect(await diff("SSOConnection", withKey, { ...samlNews, keyId: "acme-okta", provider: "ONELOGIN" })).toEqual({ changes: true, replaces: ["provider"], deleteBeforeReplace: true });
    expect(await diff("SSOConnection", withKey, { ...samlNews, keyId: "acme-onelogin", provider: "ONELOGIN" })).toEqual({ changes: true, replaces: ["provider"], deleteBeforeReplace: false });
  });

  test.each`
    name                        | olds         | news                                                                 | changes  | replaces
    ${"no change"}              | ${samlOlds}  | ${samlNews}                                                          | ${false} | ${[]}
    ${"new metadata URL"}       | ${samlOlds}  | ${{ ...samlNews, saml: { metadataUrl: "https://acme.okta.com/m2" } }} | ${true}  | ${[]}
    ${"attribute mapping"}      | ${samlOlds}  | ${{ ...samlNews, attributeMapping: { email: "user.email" } }}       | ${true}  | ${[]}
    ${"disable"}                | ${samlOlds}  | ${{ ...samlNews, enabled: false }}                                   | ${true}  | ${[]}
    ${"other provider"}         | ${samlOlds}  | ${{ ...samlNews, provider: "ONELOGIN" }}                             | ${true}  | ${["provider"]}
    ${"other organization"}     | ${samlOlds}  | ${{ ...samlNews, organizationId: "org_2" }}                          | ${true}  | ${["organizationId"]}
    ${"SAML to OIDC"}           | ${samlOlds}  | ${{ ...oidcNews("s1"), provider: "OKTA" }}                           | ${true}  | ${["protocol"]}
    ${"same client secret"}     | ${oidcOlds}  | ${oidcNews("s1")}                                                    | ${false} | ${[]}
    ${"rotated client secret"}  | ${oidcOlds}  | ${oidcNews("s2")}                                                    | ${true}  | ${[]}
    ${"PKCE turned on"}         | ${oidcOlds}  | ${oidcNews("s1", { pkceEnabled: true })}                             | ${true}  | ${[]}
  `("$name → changes $changes, replaces $replaces", async ({ olds, news, changes, replaces }) => {
    expect(await diff("SSOConnection", olds, news)).toEqual({ changes, replaces, deleteBeforeReplace: false });
  });
});

/*
 * In a preview, an input fed from an output not known yet is the unknown value. Like the Terraform
 * providers' "forces replacement" on an unknown ForceNew attribute, a replace field that is unknown
 * may change, so it plans a replacement; any other unknown field plans an update, never a replacement.
 */
describe("diff in a preview, with values not known yet", () => {
  const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";
  const domainOlds = { organizationId: ORG, domain: "acme.com", domainType: "ORGANIZATION_DOMAIN", domainId: "dom_1" };
  const samlOlds = { organizationId: ORG, provider: "OKTA", protocol: "SAML", saml: { metadataUrl: "https://acme.okta.com/m" }, keyId: "acme-okta", enabled: true, validateIdp: true, connectionId: "conn_1" };
  const oidcOlds = { organizationId: ORG, provider: "OKTA", protocol: "OIDC", oidc: { issuer: "https://acme.okta.com", clientId: "c", scopes: ["email", "openid", "profile"], clientSecretDigest: secretDigest("s1") }, enabled: false, validateIdp: true, connectionId: "conn_2" };

  test.each`
    name                                  | kind               | olds                                              | news                                                                             | expected
    ${"organization field"}               | ${"Organization"}  | ${{ displayName: "Acme", organizationId: ORG }}   | ${{ displayName: UNKNOWN }}                                                      | ${{ changes: true, replaces: [] }}
    ${"domain's organization (replaces)"} | ${"Domain"}        | ${domainOlds}                                     | ${{ ...domainOlds, organizationId: UNKNOWN }}                                    | ${{ changes: true, replaces: ["organizationId"], deleteBeforeReplace: true }}
    ${"domain name: maybe the same one"}  | ${"Domain"}        | ${domainOlds}                                     | ${{ ...domainOlds, domain: UNKNOWN }}                                            | ${{ changes: true, replaces: ["domain"], deleteBeforeReplace: true }}
    ${"SAML metadata URL"}                | ${"SSOConnection"} | ${samlOlds}                                       | ${{ ...samlOlds, saml: { metadataUrl: UNKNOWN } }}                               | ${{ changes: true, replaces: [], deleteBeforeReplace: false }}
    ${"whole OIDC settings"}              | ${"SSOConnection"} | ${oidcOlds}                                       | ${{ ...oidcOlds, oidc: UNKNOWN }}                                                | ${{ changes: true, replaces: [], deleteBeforeReplace: false }}
    ${"OIDC client secret"}               | ${"SSOConnection"} | ${oidcOlds}                                       | ${{ ...oidcOlds, oidc: { ...oidcOlds.oidc, clientSecret: UNKNOWN } }}            | ${{ changes: true, replaces: [], deleteBeforeReplace: false }}
  `("$name", async ({ kind, olds, news, expected }) => {
    expect(await diff(kind, olds, news)).toEqual(expected);
  });

  test("inputs read back by a refresh carry no OIDC client secret: the recorded digest is kept", async () => {
    const { clientSecretDigest: _digest, ...refreshedOidc } = oidcOlds.oidc;
    expect(await diff("SSOConnection", oidcOlds, { ...oidcOlds, oidc: refreshedOidc })).toEqual({ changes: false, replaces: [], deleteBeforeReplace: false });
  });
});

describe("McpServer diff", () => {
  const inputs = { name: "Notes", serverUrl: "https://mcp.acme.com/mcp", scopes: ["notes:read"], accessTokenLifetimeSeconds: 900, dynamicClientRegistration: true };
  const olds = { ...inputs, resourceId: "res_1", authorizationServerUrl: "https://acme.scalekit.dev/resources/res_1" };

  test.each`
    change                                           | changes
    ${{}}                                            | ${false}
    ${{ name: "Team notes" }}                        | ${true}
    ${{ serverUrl: "https://mcp2.acme.com/mcp" }}    | ${true}
    ${{ scopes: ["notes:read", "notes:write"] }}     | ${true}
    ${{ dynamicClientRegistration: false }}          | ${true}
    ${{ accessTokenLifetimeSeconds: 300 }}           | ${true}
    ${{ accessTokenLifetimeSeconds: undefined }}     | ${false}
    ${{ refreshTokenLifetimeSeconds: 86400 }}        | ${true}
    ${{ clientIdMetadataDocuments: undefined }}      | ${false}
  `("$change → changes $changes, never a replacement", async ({ change, changes }) => {
    expect(await diff("McpServer", olds, { ...inputs, ...change })).toEqual({ changes, replaces: [] });
  });
});
