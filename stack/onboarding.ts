import * as pulumi from "@pulumi/pulumi";
import * as path from "node:path";
import { loadTenantsFile, onboardTenants, type LoadTenantsOptions, type TenantHandoff } from "../provider";

export const PROJECT = "scalekit-onboarding";
export const DEFAULT_TENANTS_FILE = "tenants.yaml";

export interface OnboardingOptions extends LoadTenantsOptions {
  /** The tenants file; default: stack config `scalekit-onboarding:tenantsFile`, else tenants.yaml. */
  tenantsFile?: string;
  /** Relative tenants file paths start here (default: the project root, then the working directory). */
  baseDir?: string;
}

/**
 * The root stack: every tenant of the tenants file, validated as a whole before anything is
 * registered. Returns the stack outputs: the hand-off bundles keyed by tenant key.
 */
export function onboardingStack(options: OnboardingOptions = {}): { tenants: Record<string, TenantHandoff> } {
  const configured = new pulumi.Config(PROJECT).get("tenantsFile");
  const file = options.tenantsFile ?? configured ?? DEFAULT_TENANTS_FILE;
  const definitions = loadTenantsFile(options.baseDir ? path.resolve(options.baseDir, file) : file, { fileName: file, ...options });
  return { tenants: onboardTenants(definitions) };
}
