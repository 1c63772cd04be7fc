import { z } from "zod";
import type { DiffRules } from "../../core/diff";
import { organizationIdField } from "../../core/field-rules";
import { outputKeys } from "../pulumi-args";

const SLUG = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*$/;

function undefinedWhenEmpty<T extends object>(value: T): T | undefined {
  return Object.values(value).some((item) => item !== undefined) ? value : undefined;
}

export const OrganizationFeatures = z
  .object({
    sso: z.boolean().optional(),
    dir_sync: z.boolean().optional(),
    domain_verification: z.boolean().optional(),
    session_policy: z.boolean().optional(),
  })
  .strict();

export const OrganizationInputs = z
  .object({
    displayName: z.string().trim().min(1, "must not be empty").max(200, "must be at most 200 characters"),
    externalId: z.string().trim().min(1, "must not be empty").max(255, "must be at most 255 characters").optional(),
    metadata: z
      .record(
        z.string().min(3, "metadata keys must be 3–25 characters").max(25, "metadata keys must be 3–25 characters"),
        z.string().min(1, "metadata values must be 1–256 characters").max(256, "metadata values must be 1–256 characters"),
      )
      .refine((metadata) => Object.keys(metadata).length <= 10, "at most 10 metadata pairs are allowed")
      .transform(undefinedWhenEmpty)
      .optional(),
    slug: z
      .string()
      .max(253, "must be at most 253 characters")
      .regex(SLUG, "must be lower-case letters, digits and hyphens in dot-separated labels (e.g. acme or acme.eu)")
      .optional(),
    logoUrl: z
      .string()
      .max(1024, "must be at most 1024 characters")
      .regex(/^https:\/\/[^\s]+$/, "must be an https:// URL")
      .optional(),
    features: OrganizationFeatures.transform(undefinedWhenEmpty).optional(),
    /**
     * Take over the organization that already exists (found by `organizationId`, else by `externalId`)
     * instead of creating one; only the fields that differ from these inputs are written.
     */
    adopt: z.boolean().optional(),
    /** The id of an existing organization to adopt: for one without an external id. */
    organizationId: organizationIdField.optional(),
  })
  .strict()
  .refine((inputs) => !inputs.adopt || inputs.organizationId !== undefined || inputs.externalId !== undefined, {
    path: ["adopt"],
    message: "needs externalId or organizationId: what finds the organization to adopt",
  });

export type OrganizationInputs = z.output<typeof OrganizationInputs>;

export interface OrganizationOutputs extends Omit<OrganizationInputs, "organizationId"> {
  organizationId: string;
  createTime: string;
  regionCode?: string;
}

/**
 * The API changes every field in place; external id and logo URL cannot be cleared, only changed.
 * Another organizationId means managing another organization.
 */
export const ORGANIZATION_DIFF_RULES: DiffRules<OrganizationInputs> = {
  displayName: {},
  externalId: { unmanagedWhenOmitted: true },
  metadata: {},
  slug: {},
  logoUrl: { unmanagedWhenOmitted: true },
  features: {},
  adopt: { createOnly: true },
  organizationId: { replaces: true, unmanagedWhenOmitted: true },
};

export const ORGANIZATION_OUTPUT_KEYS = outputKeys<OrganizationOutputs>()([
  "displayName", "externalId", "metadata", "slug", "logoUrl", "features", "adopt", "organizationId", "createTime", "regionCode",
]);
