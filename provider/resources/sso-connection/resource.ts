import * as pulumi from "@pulumi/pulumi";
import type { z } from "zod";
import { scalekitProvider } from "../../shim";
import { outputPlaceholders, type PulumiArgs } from "../pulumi-args";
import type { SamlSettings, SsoConnectionInputs, SsoConnectionOutputs, StoredOidcSettings } from "./schema";

export type SSOConnectionArgs = PulumiArgs<z.input<typeof SsoConnectionInputs>>;

const provider = scalekitProvider("SSOConnection");
const OUTPUTS = [
  "organizationId", "provider", "keyId", "saml", "oidc", "attributeMapping", "enabled", "debugEnabled", "uiButtonTitle", "validateIdp",
  "protocol", "connectionId", "status", "acsUrl", "spEntityId", "spMetadataUrl", "redirectUri", "testConnectionUri", "idpCertificateExpiresAt",
] as const;

/**
 * An enterprise SSO connection of an organization to its identity provider, over SAML or OIDC. Created
 * as Scalekit requires (shell, configuration, enable); a change of organization, provider or protocol
 * replaces it, everything else updates in place. The OIDC client secret is always treated as a secret.
 */
export class SSOConnection extends pulumi.dynamic.Resource {
  declare readonly organizationId: pulumi.Output<string>;
  declare readonly provider: pulumi.Output<SsoConnectionInputs["provider"]>;
  declare readonly protocol: pulumi.Output<SsoConnectionOutputs["protocol"]>;
  declare readonly saml: pulumi.Output<SamlSettings | undefined>;
  declare readonly oidc: pulumi.Output<StoredOidcSettings | undefined>;
  declare readonly enabled: pulumi.Output<boolean>;
  declare readonly connectionId: pulumi.Output<string>;
  declare readonly status: pulumi.Output<string | undefined>;
  /** SAML: the Assertion Consumer Service URL to configure at the IdP. */
  declare readonly acsUrl: pulumi.Output<string | undefined>;
  declare readonly spEntityId: pulumi.Output<string | undefined>;
  declare readonly spMetadataUrl: pulumi.Output<string | undefined>;
  /** OIDC: the redirect URI to register at the IdP. */
  declare readonly redirectUri: pulumi.Output<string | undefined>;
  declare readonly testConnectionUri: pulumi.Output<string | undefined>;
  declare readonly idpCertificateExpiresAt: pulumi.Output<string | undefined>;

  constructor(name: string, args: SSOConnectionArgs, opts?: pulumi.CustomResourceOptions) {
    const oidc = args.oidc === undefined ? undefined : pulumi.secret(args.oidc);
    const secretOutputs = { additionalSecretOutputs: ["oidc"] };
    super(provider, name, { ...outputPlaceholders(OUTPUTS), ...args, oidc }, pulumi.mergeOptions(opts, secretOutputs), "scalekit", "SSOConnection");
  }
}
