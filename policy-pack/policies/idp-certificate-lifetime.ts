import { X509Certificate } from "node:crypto";
import type { ResourceValidationPolicy } from "@pulumi/policy";
import { known } from "../support/known";
import { forResourcesOfType, policyConfig } from "../support/policy-kit";
import { SCALEKIT_TYPES } from "../support/resource-types";

const DAY_MS = 86_400_000;

export const idpCertificateLifetime: ResourceValidationPolicy = {
  name: "scalekit-idp-certificate-lifetime",
  description:
    "An IdP signing certificate given inline stays valid for more than the configured number of days: when it expires, the customer's users can no longer sign in.",
  enforcementLevel: "advisory",
  configSchema: {
    properties: {
      minimumDays: { type: "integer", minimum: 0, default: 30, description: "Days the inline certificate must still be valid for." },
    },
  },
  validateResource: forResourcesOfType(SCALEKIT_TYPES.ssoConnection, (args, reportViolation) => {
    const pem = known(() => args.props.saml?.certificate);
    if (typeof pem !== "string") return;
    let notAfter: Date;
    try {
      notAfter = new Date(new X509Certificate(pem).validTo);
    } catch {
      return; // The resource's own check refuses what is not a certificate.
    }
    const { minimumDays } = policyConfig(args, { minimumDays: 30 });
    const remainingMs = notAfter.getTime() - Date.now();
    if (remainingMs > minimumDays * DAY_MS) return;
    const expiry = notAfter.toISOString().slice(0, 10);
    const state = remainingMs <= 0 ? `expired on ${expiry}` : `expires on ${expiry}, in ${Math.floor(remainingMs / DAY_MS)} days`;
    reportViolation(
      `saml.certificate ${state}; it must stay valid for more than ${minimumDays} days. ` +
        "Ask the customer's IT admin for the IdP's new signing certificate (or use saml.metadataUrl, from which Scalekit reads rotated certificates).",
    );
  }),
};
