import * as pulumi from "@pulumi/pulumi";
import { scalekitProvider } from "../../shim";
import { outputPlaceholders, type PulumiArgs } from "../pulumi-args";
import type { z } from "zod";
import type { OrganizationInputs } from "./schema";

export type OrganizationArgs = PulumiArgs<z.input<typeof OrganizationInputs>>;

const provider = scalekitProvider("Organization");
const OUTPUTS = ["displayName", "externalId", "metadata", "slug", "logoUrl", "features", "organizationId", "createTime", "regionCode"] as const;

/**
 * A Scalekit organization: one of your customers. Every field updates in place. With an `externalId`,
 * creation is idempotent: an organization that already has this external id is adopted, not duplicated.
 */
export class Organization extends pulumi.dynamic.Resource {
  declare readonly organizationId: pulumi.Output<string>;
  declare readonly displayName: pulumi.Output<string>;
  declare readonly externalId: pulumi.Output<string | undefined>;
  declare readonly metadata: pulumi.Output<Record<string, string> | undefined>;
  declare readonly slug: pulumi.Output<string | undefined>;
  declare readonly logoUrl: pulumi.Output<string | undefined>;
  declare readonly features: pulumi.Output<OrganizationInputs["features"]>;
  declare readonly createTime: pulumi.Output<string>;
  declare readonly regionCode: pulumi.Output<string | undefined>;

  constructor(name: string, args: OrganizationArgs, opts?: pulumi.CustomResourceOptions) {
    super(provider, name, { ...outputPlaceholders(OUTPUTS), ...args }, opts, "scalekit", "Organization");
  }
}
