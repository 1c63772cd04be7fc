import * as pulumi from "@pulumi/pulumi";
import { scalekitProvider } from "../../shim";
import type { z } from "zod";
import { outputPlaceholders, type PulumiArgs } from "../pulumi-args";
import { ADMIN_PORTAL_LINK_SECRET_OUTPUTS, type AdminPortalLinkInputs } from "./schema";

export type AdminPortalLinkArgs = PulumiArgs<z.input<typeof AdminPortalLinkInputs>>;

const provider = scalekitProvider("AdminPortalLink");
const OUTPUTS = ["organizationId", "features", "triggers", "regenerateWhenExpired", "linkId", "location", "expireTime"] as const;

/**
 * A link that lets a customer's IT admin configure their own SSO in Scalekit's admin portal. The
 * link is single-use and valid for about a minute; `location` is a secret output.
 */
export class AdminPortalLink extends pulumi.dynamic.Resource {
  declare readonly organizationId: pulumi.Output<string>;
  declare readonly features: pulumi.Output<AdminPortalLinkInputs["features"]>;
  declare readonly linkId: pulumi.Output<string>;
  declare readonly location: pulumi.Output<string>;
  declare readonly expireTime: pulumi.Output<string>;

  constructor(name: string, args: AdminPortalLinkArgs, opts?: pulumi.CustomResourceOptions) {
    const secretOutputs = { additionalSecretOutputs: ADMIN_PORTAL_LINK_SECRET_OUTPUTS };
    super(provider, name, { ...outputPlaceholders(OUTPUTS), ...args }, pulumi.mergeOptions(opts, secretOutputs), "scalekit", "AdminPortalLink");
  }
}
