import * as pulumi from "@pulumi/pulumi";
import type { z } from "zod";
import { scalekitProvider } from "../../shim";
import { outputPlaceholders, type OutputProperties, type PulumiArgs } from "../pulumi-args";
import { ADMIN_PORTAL_LINK_OUTPUT_KEYS, ADMIN_PORTAL_LINK_SECRET_OUTPUTS, type AdminPortalLinkInputs, type AdminPortalLinkOutputs } from "./schema";

export type AdminPortalLinkArgs = PulumiArgs<z.input<typeof AdminPortalLinkInputs>>;

const provider = scalekitProvider("AdminPortalLink");

export interface AdminPortalLink extends OutputProperties<AdminPortalLinkOutputs> {}

/**
 * A link that lets a customer's IT admin configure their own SSO in Scalekit's admin portal. The
 * link is single-use and valid for about a minute; `location` is a secret output. Scalekit refuses a
 * link for a feature the organization has not enabled (`Tenant` enables them for you).
 */
export class AdminPortalLink extends pulumi.dynamic.Resource {
  constructor(name: string, args: AdminPortalLinkArgs, opts?: pulumi.CustomResourceOptions) {
    const secretOutputs = { additionalSecretOutputs: ADMIN_PORTAL_LINK_SECRET_OUTPUTS };
    super(provider, name, { ...outputPlaceholders(ADMIN_PORTAL_LINK_OUTPUT_KEYS), ...args }, pulumi.mergeOptions(opts, secretOutputs), "scalekit", "AdminPortalLink");
  }
}
