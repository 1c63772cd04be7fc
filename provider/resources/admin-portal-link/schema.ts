import { z } from "zod";
import { PORTAL_LINK_FEATURES } from "../../api/enums";
import type { DiffRules } from "../../core/diff";
import { organizationIdField } from "../../core/field-rules";
import { outputKeys } from "../pulumi-args";

export const AdminPortalLinkInputs = z
  .object({
    organizationId: organizationIdField,
    features: z
      .array(z.enum(PORTAL_LINK_FEATURES, { message: `must be one of ${PORTAL_LINK_FEATURES.join(", ")}` }))
      .min(1, "needs at least one feature")
      .default(["sso"])
      .transform((features) => [...new Set(features)].sort()),
    /** Any change of these values generates a fresh link (like `triggers` of command resources). */
    triggers: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])).optional(),
    /** Generate a fresh link on every `up` once the previous one has expired (links live about a minute). */
    regenerateWhenExpired: z.boolean().default(false),
  })
  .strict();

export type AdminPortalLinkInputs = z.output<typeof AdminPortalLinkInputs>;

export interface AdminPortalLinkOutputs extends AdminPortalLinkInputs {
  linkId: string;
  /** Single-use URL of the admin portal: a secret. */
  location: string;
  expireTime: string;
}

export const ADMIN_PORTAL_LINK_DIFF_RULES: DiffRules<AdminPortalLinkInputs> = {
  organizationId: { replaces: true },
  features: { replaces: true },
  triggers: { replaces: true },
  regenerateWhenExpired: {},
};

export const ADMIN_PORTAL_LINK_OUTPUT_KEYS = outputKeys<AdminPortalLinkOutputs>()([
  "organizationId", "features", "triggers", "regenerateWhenExpired", "linkId", "location", "expireTime",
]);

export const ADMIN_PORTAL_LINK_SECRET_OUTPUTS = ["location"];
