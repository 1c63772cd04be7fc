import * as pulumi from "@pulumi/pulumi";
import type { z } from "zod";
import { scalekitProvider } from "../../shim";
import { outputPlaceholders, type OutputProperties, type PulumiArgs } from "../pulumi-args";
import { SSO_CONNECTION_OUTPUT_KEYS, SSO_CONNECTION_SECRET_OUTPUTS, type SsoConnectionInputs, type SsoConnectionOutputs } from "./schema";

export type SSOConnectionArgs = PulumiArgs<z.input<typeof SsoConnectionInputs>>;

const provider = scalekitProvider("SSOConnection");

export interface SSOConnection extends OutputProperties<SsoConnectionOutputs> {}

/**
 * An enterprise SSO connection of an organization to its identity provider, over SAML or OIDC. Created
 * as Scalekit requires (shell, configuration, enable); a change of organization, provider or protocol
 * replaces it, everything else updates in place. The OIDC client secret is always treated as a secret.
 * For the IdP's admin: `acsUrl`, `spEntityId`, `spMetadataUrl` (SAML) or `redirectUri` (OIDC).
 */
export class SSOConnection extends pulumi.dynamic.Resource {
  constructor(name: string, args: SSOConnectionArgs, opts?: pulumi.CustomResourceOptions) {
    const oidc = args.oidc === undefined ? undefined : pulumi.secret(args.oidc);
    const secretOutputs = { additionalSecretOutputs: SSO_CONNECTION_SECRET_OUTPUTS };
    super(provider, name, { ...outputPlaceholders(SSO_CONNECTION_OUTPUT_KEYS), ...args, oidc }, pulumi.mergeOptions(opts, secretOutputs), "scalekit", "SSOConnection");
  }
}
