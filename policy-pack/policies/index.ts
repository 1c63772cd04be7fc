import type { Policies } from "@pulumi/policy";
import { connectionNeedsOrganizationDomain } from "./connection-needs-organization-domain";
import { idpCertificateLifetime } from "./idp-certificate-lifetime";
import { noDebugInProduction } from "./no-debug-in-production";
import { oidcSecretFromSecretConfig } from "./oidc-secret-from-secret-config";
import { portalLinkRotation } from "./portal-link-rotation";
import { samlMetadataHttps } from "./saml-metadata-https";

export const ssoHygienePolicies: Policies = [
  samlMetadataHttps,
  idpCertificateLifetime,
  connectionNeedsOrganizationDomain,
  oidcSecretFromSecretConfig,
  portalLinkRotation,
  noDebugInProduction,
];
