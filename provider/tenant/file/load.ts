import { readFileSync } from "node:fs";
import { projectPath } from "../project-path";
import type { TenantArgs } from "../tenant-args";
import { byLine, parseTenantsFile } from "./parse";
import { TenantsFileError, type TenantsFileProblem } from "./problems";
import { resolveSecret } from "./resolve-secrets";
import { stackSecretSources, type SecretSources } from "./secret-sources";
import { toTenantArgs } from "./to-tenant-args";

export interface TenantDefinition {
  key: string;
  args: TenantArgs;
}

export interface LoadTenantsOptions {
  /** Where secret references are looked up; default: the stack's config and the process environment. */
  secrets?: SecretSources;
  /** How the file is named in problem reports (default: the path as given). */
  fileName?: string;
}

/**
 * Reads, validates and resolves a tenants file (a relative path starts at the project root, then the
 * working directory); throws a TenantsFileError listing every problem.
 */
export function loadTenantsFile(file: string, options: LoadTenantsOptions = {}): TenantDefinition[] {
  const fileName = options.fileName ?? file;
  return loadTenants(readTenantsFileText(file, fileName), { ...options, fileName });
}

/** The text of a tenants file; a file that cannot be read is a TenantsFileError like any other problem. */
export function readTenantsFileText(file: string, fileName = file): string {
  try {
    return readFileSync(projectPath(file), "utf8");
  } catch (error) {
    throw new TenantsFileError(fileName, [{ field: "", rule: `cannot be read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})` }]);
  }
}

/** Validates and resolves the text of a tenants file; throws a TenantsFileError listing every problem. */
export function loadTenants(text: string, options: LoadTenantsOptions = {}): TenantDefinition[] {
  const sources = options.secrets ?? stackSecretSources();
  const { tenants, problems, lineOf } = parseTenantsFile(text);
  const all: TenantsFileProblem[] = [...problems];
  const definitions = tenants.map(({ position, entry }) => {
    const reference = entry.sso?.oidc?.clientSecret;
    const resolved = reference && resolveSecret(reference, sources);
    if (resolved && "problem" in resolved) {
      const field = ["sso", "oidc", "clientSecret"];
      all.push({ tenant: entry.key, index: position + 1, field: field.join("."), rule: resolved.problem, line: lineOf(["tenants", position, ...field]) });
    }
    return { key: entry.key, args: toTenantArgs(entry, resolved && "value" in resolved ? resolved.value : undefined) };
  });
  if (all.length) throw new TenantsFileError(options.fileName ?? "tenants.yaml", byLine(all));
  return definitions;
}
