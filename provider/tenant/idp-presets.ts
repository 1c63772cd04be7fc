import * as pulumi from "@pulumi/pulumi";
import type { z } from "zod";
import type { DeepInput } from "../resources/pulumi-args";
import type { OidcSettings, SamlSettings, SsoProvider } from "../resources/sso-connection/schema";
import type { TenantSso } from "./tenant-args";

type SamlArgs = DeepInput<z.input<typeof SamlSettings>>;
type OidcArgs = DeepInput<z.input<typeof OidcSettings>>;
/** Connection settings besides the IdP's own: `enabled`, `attributeMapping`, `validateIdp`, … */
export type SsoOptions = Omit<TenantSso, "provider" | "saml" | "oidc">;
type OidcClient = { clientId: pulumi.Input<string>; clientSecret: pulumi.Input<string> } & Omit<OidcArgs, "issuer" | "clientId" | "clientSecret">;

/** A URL from a template; a plain string when every part is known, an Output otherwise. */
function url(strings: TemplateStringsArray, ...parts: pulumi.Input<string>[]): pulumi.Input<string> {
  if (parts.every((part) => typeof part === "string")) return strings.reduce((text, piece, index) => text + (parts[index - 1] ?? "") + piece);
  return pulumi.interpolate(strings, ...parts);
}

const saml = (provider: SsoProvider, settings: SamlArgs, options?: SsoOptions): TenantSso => ({ ...options, provider, saml: settings });
const oidc = (provider: SsoProvider, settings: OidcArgs, options?: SsoOptions): TenantSso => ({ ...options, provider, oidc: settings });

/**
 * SSO connection presets that read like the identity provider's own console, e.g.
 * `sso: idp.okta.saml({ metadataUrl })` or `sso: idp.entraId.oidc({ tenantId, clientId, clientSecret })`.
 */
export const idp = {
  okta: {
    /** The "Metadata URL" on the Sign On tab of the customer's Okta SAML app. */
    saml: (app: { metadataUrl: pulumi.Input<string> } & SamlArgs, options?: SsoOptions) => saml("OKTA", app, options),
    /** An Okta OIDC app; `issuer` is the Okta org URL (https://<org>.okta.com) or a custom authorization server. */
    oidc: (app: { issuer: pulumi.Input<string> } & OidcClient, options?: SsoOptions) => oidc("OKTA", app, options),
  },
  entraId: {
    /** An Entra ID enterprise application: its federation metadata URL from the directory (tenant) and application ids. */
    saml: ({ tenantId, applicationId, ...settings }: { tenantId: pulumi.Input<string>; applicationId: pulumi.Input<string> } & Omit<SamlArgs, "metadataUrl">, options?: SsoOptions) =>
      saml("MICROSOFT_AD", { ...settings, metadataUrl: url`https://login.microsoftonline.com/${tenantId}/federationmetadata/2007-06/federationmetadata.xml?appid=${applicationId}` }, options),
    /** An Entra ID app registration; the issuer is https://login.microsoftonline.com/<tenantId>/v2.0. */
    oidc: ({ tenantId, ...client }: { tenantId: pulumi.Input<string> } & OidcClient, options?: SsoOptions) =>
      oidc("MICROSOFT_AD", { ...client, issuer: url`https://login.microsoftonline.com/${tenantId}/v2.0` }, options),
  },
  adfs: {
    /** An ADFS relying party trust; `host` is the federation service name, e.g. adfs.acmecorp.com. */
    saml: ({ host, ...settings }: { host: pulumi.Input<string> } & Omit<SamlArgs, "metadataUrl">, options?: SsoOptions) =>
      saml("ADFS", { ...settings, metadataUrl: url`https://${host}/FederationMetadata/2007-06/FederationMetadata.xml` }, options),
  },
  googleWorkspace: {
    /** A Google Workspace custom SAML app: the `idpid` of its SSO URL and the certificate from "Google IdP information". */
    saml: ({ idpId, certificate, ...settings }: { idpId: pulumi.Input<string>; certificate: pulumi.Input<string> } & Omit<SamlArgs, "entityId" | "ssoUrl" | "certificate">, options?: SsoOptions) =>
      saml("GOOGLE", { ...settings, entityId: url`https://accounts.google.com/o/saml2?idpid=${idpId}`, ssoUrl: url`https://accounts.google.com/o/saml2/idp?idpid=${idpId}`, certificate }, options),
  },
  /** Any SAML identity provider (provider CUSTOM unless given). */
  saml: (settings: SamlArgs, options?: SsoOptions & { provider?: SsoProvider }) => saml(options?.provider ?? "CUSTOM", settings, options),
  /** Any OpenID Connect identity provider (provider CUSTOM unless given). */
  oidc: (settings: OidcArgs, options?: SsoOptions & { provider?: SsoProvider }) => oidc(options?.provider ?? "CUSTOM", settings, options),
};
