import * as pulumi from "@pulumi/pulumi";
import * as path from "node:path";
import { chooseTenantsFile, loadTenantsFile, onboardTenants, type LoadTenantsOptions, type TenantHandoff } from "../provider";

export const PROJECT = "scalekit-onboarding";
export const DEFAULT_TENANTS_FILE = "tenants.yaml";

export interface OnboardingOptions extends LoadTenantsOptions {
  /**
   * The tenants file; default: the stack's shard when the project has shards.yaml, else stack config
   * `scalekit-onboarding:tenantsFile`, else tenants.yaml.
   */
  tenantsFile?: string;
  /** Relative tenants file paths start here (default: the working directory, which Pulumi sets to the project). */
  baseDir?: string;
}

/**
 * The root stack: every tenant of the tenants file, validated as a whole before anything is
 * registered. Returns the stack outputs: the hand-off bundles keyed by tenant key.
 */
export function onboardingStack(options: OnboardingOptions = {}): { tenants: Record<string, TenantHandoff> } {
  const baseDir = options.baseDir ?? process.cwd();
  const configured = new pulumi.Config(PROJECT).get("tenantsFile");
  const file =
    options.tenantsFile ?? chooseTenantsFile({ projectDir: baseDir, stackName: pulumi.getStack(), configured, defaultFile: DEFAULT_TENANTS_FILE }).tenantsFile;
  const definitions = loadTenantsFile(path.resolve(baseDir, file), { fileName: file, ...options });
  return { tenants: onboardTenants(definitions) };
}
