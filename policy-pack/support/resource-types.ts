/**
 * Type tokens of pulumi-scalekit's resources. They are dynamic resources registered with the module
 * "scalekit", so Pulumi names them `pulumi-nodejs:dynamic/scalekit:<Name>`.
 */
const token = <Name extends string>(name: Name) => `pulumi-nodejs:dynamic/scalekit:${name}` as const;

export const SCALEKIT_TYPES = {
  organization: token("Organization"),
  domain: token("Domain"),
  ssoConnection: token("SSOConnection"),
  adminPortalLink: token("AdminPortalLink"),
} as const;
