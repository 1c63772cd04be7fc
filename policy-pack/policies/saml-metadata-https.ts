import type { ResourceValidationPolicy } from "@pulumi/policy";
import { known } from "../support/known";
import { forResourcesOfType, policyConfig } from "../support/policy-kit";
import { SCALEKIT_TYPES } from "../support/resource-types";

const LOOPBACK = /^(localhost|127(\.\d{1,3}){3}|\[::1\])$/;

export const samlMetadataHttps: ResourceValidationPolicy = {
  name: "scalekit-saml-metadata-https",
  description: "SAML IdP metadata is read over https only: over plain http anyone on the path can swap the IdP's certificate.",
  enforcementLevel: "mandatory",
  configSchema: {
    properties: {
      allowLoopbackHttp: {
        type: "boolean",
        default: false,
        description: "Accept http:// metadata URLs on localhost (local test IdPs and the emulator).",
      },
    },
  },
  validateResource: forResourcesOfType(SCALEKIT_TYPES.ssoConnection, (args, reportViolation) => {
    const metadataUrl = known(() => args.props.saml?.metadataUrl);
    if (typeof metadataUrl !== "string") return;
    const { allowLoopbackHttp } = policyConfig(args, { allowLoopbackHttp: false });
    let url: URL;
    try {
      url = new URL(metadataUrl);
    } catch {
      return reportViolation(`saml.metadataUrl ${JSON.stringify(metadataUrl)} is not an absolute URL; use the IdP's https:// metadata URL.`);
    }
    if (url.protocol === "https:") return;
    if (allowLoopbackHttp && url.protocol === "http:" && LOOPBACK.test(url.hostname)) return;
    reportViolation(`saml.metadataUrl ${url.origin}${url.pathname} uses ${url.protocol.slice(0, -1)}; use the IdP's https:// metadata URL.`);
  }),
};
