import { PolicyPack } from "@pulumi/policy";
import { ssoHygienePolicies } from "./policies";

new PolicyPack("scalekit-sso-hygiene", {
  description: "SSO hygiene for Scalekit organizations, domains, SSO connections and admin portal links managed with pulumi-scalekit.",
  policies: ssoHygienePolicies,
});
