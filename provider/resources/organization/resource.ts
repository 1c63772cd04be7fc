import * as pulumi from "@pulumi/pulumi";
import type { z } from "zod";
import { scalekitProvider } from "../../shim";
import { outputPlaceholders, type OutputProperties, type PulumiArgs } from "../pulumi-args";
import { ORGANIZATION_OUTPUT_KEYS, type OrganizationInputs, type OrganizationOutputs } from "./schema";

export type OrganizationArgs = PulumiArgs<z.input<typeof OrganizationInputs>>;

const provider = scalekitProvider("Organization");

export interface Organization extends OutputProperties<OrganizationOutputs> {}

/**
 * A Scalekit organization: one of your customers. Every field updates in place. With an `externalId`,
 * creation is idempotent: an organization that already has this external id is adopted, not duplicated.
 */
export class Organization extends pulumi.dynamic.Resource {
  constructor(name: string, args: OrganizationArgs, opts?: pulumi.CustomResourceOptions) {
    super(provider, name, { ...outputPlaceholders(ORGANIZATION_OUTPUT_KEYS), ...args }, opts, "scalekit", "Organization");
  }
}
