import * as pulumi from "@pulumi/pulumi";
import { scalekitProvider } from "../../shim";
import { outputPlaceholders, type PulumiArgs } from "../pulumi-args";
import type { z } from "zod";
import type { DnsTxtRecord, DomainInputs } from "./schema";

export type DomainArgs = PulumiArgs<z.input<typeof DomainInputs>>;

const provider = scalekitProvider("Domain");
const OUTPUTS = ["organizationId", "domain", "domainType", "domainId", "verificationStatus", "verificationMethod", "dnsRecord", "createTime"] as const;

/**
 * An email domain of an organization. `ORGANIZATION_DOMAIN` (default) routes users of that domain to
 * the organization's SSO connection; `ALLOWED_EMAIL_DOMAIN` only suggests the organization. Scalekit
 * cannot change a domain, so any change replaces it. `dnsRecord` is the TXT record proving ownership.
 */
export class Domain extends pulumi.dynamic.Resource {
  declare readonly organizationId: pulumi.Output<string>;
  declare readonly domain: pulumi.Output<string>;
  declare readonly domainType: pulumi.Output<DomainInputs["domainType"]>;
  declare readonly domainId: pulumi.Output<string>;
  declare readonly verificationStatus: pulumi.Output<string | undefined>;
  declare readonly verificationMethod: pulumi.Output<string | undefined>;
  declare readonly dnsRecord: pulumi.Output<DnsTxtRecord | undefined>;
  declare readonly createTime: pulumi.Output<string | undefined>;

  constructor(name: string, args: DomainArgs, opts?: pulumi.CustomResourceOptions) {
    super(provider, name, { ...outputPlaceholders(OUTPUTS), ...args }, opts, "scalekit", "Domain");
  }
}
