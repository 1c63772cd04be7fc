import { z } from "zod";
import {
  CONNECTION_PROVIDERS,
  NAME_ID_FORMATS,
  OIDC_SCOPES,
  REQUEST_BINDINGS,
  SAML_SIGNING_OPTIONS,
  TOKEN_AUTH_TYPES,
} from "../../api/enums";
import type { DiffRules } from "../../core/diff";
import { organizationIdField, secureUrlField } from "../../core/field-rules";
import { outputKeys } from "../pulumi-args";
import { canonicalPem } from "./certificate";

/** Identity providers an enterprise SSO connection can point at (the API's social providers excluded). */
export const SSO_PROVIDERS = ["OKTA", "MICROSOFT_AD", "ADFS", "GOOGLE", "ONELOGIN", "PING_IDENTITY", "JUMPCLOUD", "AUTH0", "CUSTOM", "IDP_SIMULATOR"] as const;
export type SsoProvider = (typeof SSO_PROVIDERS)[number];
const SOCIAL_PROVIDERS = CONNECTION_PROVIDERS.filter((provider) => !(SSO_PROVIDERS as readonly string[]).includes(provider));

const oneOf = <T extends readonly [string, ...string[]]>(values: T) => z.enum(values, { message: `must be one of ${values.join(", ")}` });

const certificateField = z.string().transform((pem, context) => {
  const canonical = canonicalPem(pem);
  if (!canonical) context.addIssue({ code: "custom", message: "must be a PEM X.509 certificate (-----BEGIN CERTIFICATE----- …)" });
  return canonical ?? pem;
});

export const SamlSettings = z
  .object({
    /** The IdP's metadata URL; Scalekit reads entity id, SSO URL and certificates from it. */
    metadataUrl: secureUrlField.optional(),
    entityId: z.string().trim().min(1, "must not be empty").optional(),
    ssoUrl: secureUrlField.optional(),
    certificate: certificateField.optional(),
    sloUrl: secureUrlField.optional(),
    nameIdFormat: oneOf(NAME_ID_FORMATS).optional(),
    ssoRequestBinding: oneOf(REQUEST_BINDINGS).optional(),
    sloRequestBinding: oneOf(REQUEST_BINDINGS).optional(),
    signingOption: oneOf(SAML_SIGNING_OPTIONS).optional(),
    defaultRedirectUri: secureUrlField.optional(),
    forceAuthn: z.boolean().optional(),
    assertionEncrypted: z.boolean().optional(),
    wantRequestSigned: z.boolean().optional(),
    sloRequired: z.boolean().optional(),
    syncUserProfileOnLogin: z.boolean().optional(),
    jitProvisioning: z.boolean().optional(),
  })
  .strict()
  .superRefine((saml, context) => {
    const manual = { entityId: saml.entityId, ssoUrl: saml.ssoUrl, certificate: saml.certificate };
    const given = Object.entries(manual).filter(([, value]) => value !== undefined).map(([key]) => key);
    if (saml.metadataUrl === undefined && given.length < 3) {
      const missing = Object.keys(manual).filter((key) => !given.includes(key));
      context.addIssue({ code: "custom", message: `needs metadataUrl, or entityId, ssoUrl and certificate (missing ${missing.join(", ")})` });
    }
  });
export type SamlSettings = z.output<typeof SamlSettings>;

export const OidcSettings = z
  .object({
    /** The IdP's issuer; its discovery document is at `<issuer>/.well-known/openid-configuration`. */
    issuer: secureUrlField.optional(),
    discoveryEndpoint: secureUrlField.optional(),
    authorizeUri: secureUrlField.optional(),
    tokenUri: secureUrlField.optional(),
    userInfoUri: secureUrlField.optional(),
    jwksUri: secureUrlField.optional(),
    clientId: z.string().trim().min(1, "must not be empty"),
    /** Pass it as a secret (`pulumi.secret`, or `pulumi config set --secret`). Never stored in outputs. */
    clientSecret: z.string().min(1, "must not be empty"),
    scopes: z
      .array(oneOf(OIDC_SCOPES))
      .default(["openid", "profile", "email"])
      .transform((scopes) => [...new Set(scopes)].sort())
      .refine((scopes) => scopes.includes("openid"), "must include openid"),
    tokenAuthType: oneOf(TOKEN_AUTH_TYPES).optional(),
    pkceEnabled: z.boolean().optional(),
    idpLogoutRequired: z.boolean().optional(),
    syncUserProfileOnLogin: z.boolean().optional(),
    jitProvisioning: z.boolean().optional(),
  })
  .strict()
  .superRefine((oidc, context) => {
    const explicit = oidc.authorizeUri && oidc.tokenUri && oidc.jwksUri;
    if (!oidc.issuer && !oidc.discoveryEndpoint && !explicit) {
      context.addIssue({ code: "custom", message: "needs issuer or discoveryEndpoint, or authorizeUri, tokenUri and jwksUri" });
    }
  });
export type OidcSettings = z.output<typeof OidcSettings>;

const attributeMapping = z
  .record(
    z.string().min(1, "attribute names must be 1–100 characters").max(100, "attribute names must be 1–100 characters"),
    z.string().min(1, "mapped values must be 1–256 characters").max(256, "mapped values must be 1–256 characters"),
  )
  .refine((mapping) => Object.keys(mapping).length <= 30, "at most 30 attribute mappings are allowed")
  .transform((mapping) => (Object.keys(mapping).length ? mapping : undefined));

export const SsoConnectionInputs = z
  .object({
    organizationId: organizationIdField,
    provider: z.enum(SSO_PROVIDERS, {
      error: (issue) =>
        SOCIAL_PROVIDERS.includes(issue.input as never)
          ? `${issue.input} is a social login provider, not an enterprise identity provider; use one of ${SSO_PROVIDERS.join(", ")}`
          : `must be one of ${SSO_PROVIDERS.join(", ")} (Entra ID / Azure AD is MICROSOFT_AD)`,
    }),
    /** Alternative identifier of the connection; with it, creation is idempotent across runs. */
    keyId: z.string().trim().min(1, "must not be empty").max(300, "must be at most 300 characters").optional(),
    saml: SamlSettings.optional(),
    oidc: OidcSettings.optional(),
    attributeMapping: attributeMapping.optional(),
    enabled: z.boolean().default(true),
    debugEnabled: z.boolean().optional(),
    uiButtonTitle: z.string().trim().min(1).max(100).optional(),
    /** Check the IdP's metadata or discovery document at preview before enabling; turn off for unreachable IdPs. */
    validateIdp: z.boolean().default(true),
    /**
     * Take over the connection that already exists (found by `connectionId`, else by `keyId`) instead
     * of creating one; only what differs from these inputs is written.
     */
    adopt: z.boolean().optional(),
    /** The id of an existing connection of the organization to adopt: for one without a key id. */
    connectionId: z.string().regex(/^conn_[A-Za-z0-9]+$/, "must be a Scalekit connection id (conn_…)").optional(),
  })
  .strict()
  .superRefine((connection, context) => {
    if (Boolean(connection.saml) === Boolean(connection.oidc)) {
      context.addIssue({ code: "custom", path: ["saml"], message: "exactly one of saml or oidc must be set" });
    }
    if (connection.adopt && connection.keyId === undefined && connection.connectionId === undefined) {
      context.addIssue({ code: "custom", path: ["adopt"], message: "needs keyId or connectionId: what finds the connection to adopt" });
    }
  });

export type SsoConnectionInputs = z.output<typeof SsoConnectionInputs>;
export type SsoProtocol = "SAML" | "OIDC";

export const protocolOf = (inputs: Pick<SsoConnectionInputs, "saml" | "oidc">): SsoProtocol => (inputs.saml ? "SAML" : "OIDC");

/** OIDC settings as stored in outputs: the client secret replaced by a keyed digest. */
export type StoredOidcSettings = Omit<OidcSettings, "clientSecret"> & { clientSecretDigest: string };

export interface SsoConnectionOutputs extends Omit<SsoConnectionInputs, "oidc"> {
  oidc?: StoredOidcSettings;
  protocol: SsoProtocol;
  connectionId: string;
  status?: string;
  /** SAML: where the IdP posts assertions (the ACS URL to give the customer). */
  acsUrl?: string;
  spEntityId?: string;
  spMetadataUrl?: string;
  /** OIDC: the redirect URI to register at the IdP. */
  redirectUri?: string;
  testConnectionUri?: string;
  /** The earliest expiry among the IdP signing certificates Scalekit holds. */
  idpCertificateExpiresAt?: string;
}

/** A different organization, provider or protocol is a different connection. */
export const SSO_CONNECTION_DIFF_RULES: DiffRules<Omit<SsoConnectionInputs, "oidc"> & { oidc: unknown; protocol: unknown }> = {
  organizationId: { replaces: true },
  provider: { replaces: true },
  protocol: { replaces: true },
  keyId: {},
  saml: {},
  oidc: {},
  attributeMapping: {},
  enabled: {},
  debugEnabled: {},
  uiButtonTitle: {},
  validateIdp: {},
  adopt: { createOnly: true },
  /** Another connectionId means managing another connection. */
  connectionId: { replaces: true, unmanagedWhenOmitted: true },
};

/** The fields a configuration PATCH carries: a change to any of them is applied with one. */
export const CONFIG_FIELDS = ["keyId", "saml", "oidc", "attributeMapping", "debugEnabled", "uiButtonTitle"] as const;

export const SSO_CONNECTION_OUTPUT_KEYS = outputKeys<SsoConnectionOutputs>()([
  "organizationId", "provider", "keyId", "saml", "oidc", "attributeMapping", "enabled", "debugEnabled", "uiButtonTitle", "validateIdp", "adopt",
  "protocol", "connectionId", "status", "acsUrl", "spEntityId", "spMetadataUrl", "redirectUri", "testConnectionUri", "idpCertificateExpiresAt",
]);

/** The OIDC settings hold the client secret's digest; the whole object is kept secret. */
export const SSO_CONNECTION_SECRET_OUTPUTS = ["oidc"];
