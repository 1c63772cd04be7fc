import type { ResourceValidationPolicy } from "@pulumi/policy";
import { known, UNKNOWN } from "../support/known";
import { forResourcesOfType } from "../support/policy-kit";
import { SCALEKIT_TYPES } from "../support/resource-types";

export const portalLinkRotation: ResourceValidationPolicy = {
  name: "scalekit-portal-link-rotation",
  description:
    "An admin portal link has a rotation trigger: without one the link issued once stays in the stack for good, and a fresh link for the customer's IT admin needs a replace by hand.",
  enforcementLevel: "advisory",
  validateResource: forResourcesOfType(SCALEKIT_TYPES.adminPortalLink, (args, reportViolation) => {
    const triggers = known(() => args.props.triggers);
    if (triggers === UNKNOWN) return;
    if (triggers && typeof triggers === "object" && Object.keys(triggers).length > 0) return;
    reportViolation('triggers is not set; add one, e.g. triggers: { rotation: "2026-11" }, and change its value whenever the customer needs a fresh link.');
  }),
};
