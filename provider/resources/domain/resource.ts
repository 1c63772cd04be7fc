import * as pulumi from "@pulumi/pulumi";
import type { z } from "zod";
import { scalekitProvider } from "../../shim";
import { outputPlaceholders, type OutputProperties, type PulumiArgs } from "../pulumi-args";
import { DOMAIN_OUTPUT_KEYS, DOMAIN_SECRET_OUTPUTS, type DomainInputs, type DomainOutputs } from "./schema";

export type DomainArgs = PulumiArgs<z.input<typeof DomainInputs>>;

const provider = scalekitProvider("Domain");

export interface Domain extends OutputProperties<DomainOutputs> {}

/**
 * An email domain of an organization. `ORGANIZATION_DOMAIN` (default) routes users of that domain to
 * the organization's SSO connection; `ALLOWED_EMAIL_DOMAIN` only suggests the organization. Scalekit
 * cannot change a domain, so any change replaces it. `dnsRecord` (a secret) is the TXT record to
 * publish, present only while Scalekit waits for a DNS verification.
 */
export class Domain extends pulumi.dynamic.Resource {
  constructor(name: string, args: DomainArgs, opts?: pulumi.CustomResourceOptions) {
    const secretOutputs = { additionalSecretOutputs: DOMAIN_SECRET_OUTPUTS };
    super(provider, name, { ...outputPlaceholders(DOMAIN_OUTPUT_KEYS), ...args }, pulumi.mergeOptions(opts, secretOutputs), "scalekit", "Domain");
  }
}
