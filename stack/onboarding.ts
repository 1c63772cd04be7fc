import * as pulumi from "@pulumi/pulumi";
import * as path from "node:path";
import { chooseTenantsFile, loadTenantsFile, onboardTenants, projectRoot, type LoadTenantsOptions, type TenantHandoff } from "../provider";

export const PROJECT = "scalekit-onboarding";
export const DEFAULT_TENANTS_FILE = "tenants.yaml";

export interface OnboardingOptions extends LoadTenantsOptions {
  /**
   * The tenants file; default: the stack's shard when the project has shards.yaml, else stack config
   * `scalekit-onboarding:tenantsFile`, else tenants.yaml.
   */
  tenantsFile?: string;
  /** Relative tenants file paths start here (default: the project root, then the working directory). */
  baseDir?: string;
}

/**
 * The root stack: every tenant of the tenants file, validated as a whole before anything is
 * registered. Returns the stack outputs: the hand-off bundles keyed by tenant key.
 */
export function onboardingStack(options: OnboardingOptions = {}): { tenants: Record<string, TenantHandoff> } {
  // shards.yaml is at the project root, not in dist/ where Pulumi runs the program.
  const baseDir = options.baseDir ?? projectRoot();
  const configured = new pulumi.Config(PROJECT).get("tenantsFile");
  const file =
    options.tenantsFile ?? chooseTenantsFile({ projectDir: baseDir, stackName: pulumi.getStack(), configured, defaultFile: DEFAULT_TENANTS_FILE }).tenantsFile;
  // A relative file starts at the project root (or baseDir), then the working directory (Pulumi runs the program in dist/).
  const definitions = loadTenantsFile(options.baseDir ? path.resolve(options.baseDir, file) : file, { fileName: file, ...options });
  return { tenants: onboardTenants(definitions) };
}
