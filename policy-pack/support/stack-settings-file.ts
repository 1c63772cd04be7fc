import { existsSync, readFileSync } from "node:fs";
import * as path from "node:path";
import { parse } from "yaml";

const PROJECT_FILES = ["Pulumi.yaml", "Pulumi.yml"];

/**
 * Configuration keys written encrypted (`secure: …`) in the stack's settings file,
 * `Pulumi.<stack>.yaml` next to the project's `Pulumi.yaml` (or in its `stackConfigDir`). The project is
 * the first `Pulumi.yaml` naming `project` found from each start directory upwards. Undefined when no
 * such file is found.
 */
export function encryptedKeysOfStack(project: string, stack: string, searchFrom: readonly string[]): Set<string> | undefined {
  for (const start of searchFrom) {
    const projectDirectory = findProjectDirectory(project, path.resolve(start));
    if (!projectDirectory) continue;
    const settings = readStackSettings(projectDirectory, stack);
    if (!settings) return undefined;
    const config = (settings.config ?? {}) as Record<string, unknown>;
    const keys = Object.entries(config)
      .filter(([, value]) => holdsEncryptedValue(value))
      .map(([key]) => (key.includes(":") ? key : `${project}:${key}`));
    return new Set(keys);
  }
  return undefined;
}

function findProjectDirectory(project: string, start: string): string | undefined {
  for (let directory = start; ; directory = path.dirname(directory)) {
    for (const name of PROJECT_FILES) {
      const file = path.join(directory, name);
      if (existsSync(file) && readYaml(file)?.name === project) return directory;
    }
    if (path.dirname(directory) === directory) return undefined;
  }
}

function readStackSettings(projectDirectory: string, stack: string): Record<string, unknown> | undefined {
  const projectFile = PROJECT_FILES.map((name) => path.join(projectDirectory, name)).find(existsSync)!;
  const configDirectory = readYaml(projectFile)?.stackConfigDir;
  const directory = typeof configDirectory === "string" ? path.resolve(projectDirectory, configDirectory) : projectDirectory;
  const stackName = stack.split("/").pop()!;
  for (const extension of ["yaml", "yml"]) {
    const file = path.join(directory, `Pulumi.${stackName}.${extension}`);
    if (existsSync(file)) return readYaml(file) ?? {};
  }
  return undefined;
}

function holdsEncryptedValue(value: unknown): boolean {
  if (Array.isArray(value)) return value.some(holdsEncryptedValue);
  if (!value || typeof value !== "object") return false;
  return "secure" in value || Object.values(value).some(holdsEncryptedValue);
}

function readYaml(file: string): Record<string, any> | undefined {
  try {
    const document = parse(readFileSync(file, "utf8"));
    return document && typeof document === "object" ? document : undefined;
  } catch {
    return undefined;
  }
}
