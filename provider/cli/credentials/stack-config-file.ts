import { existsSync, readFileSync } from "node:fs";
import * as path from "node:path";
import { parse } from "yaml";

/** A value of a stack's config file: plain text, or encrypted (`secure:`), which only the Pulumi CLI can decrypt. */
export type StackConfigValue = { value: string } | { secure: true };

export interface StackConfigFile {
  /** The file, relative to the project. */
  file: string;
  values: Record<string, StackConfigValue>;
}

/**
 * Reads `Pulumi.<stack>.yaml` of a project: next to Pulumi.yaml, or in the project's `stackConfigDir`,
 * named after the stack's own name (the last part of org/project/stack), as pkg/workspace/paths.go of
 * pulumi/pulumi (DetectProjectStackPath) places it. Undefined when the project has no such file.
 */
export function readStackConfigFile(projectDir: string, stack: string): StackConfigFile | undefined {
  const name = stack.split("/").pop()!;
  const extension = existsSync(path.join(projectDir, "Pulumi.yml")) ? ".yml" : ".yaml";
  const file = path.join(stackConfigDir(projectDir, extension), `Pulumi.${name}${extension}`);
  if (!existsSync(file)) return undefined;
  const document = (parse(readFileSync(file, "utf8")) ?? {}) as { config?: Record<string, unknown> };
  const values: Record<string, StackConfigValue> = {};
  for (const [key, raw] of Object.entries(document.config ?? {})) {
    if (raw !== null && typeof raw === "object" && "secure" in raw) values[key] = { secure: true };
    else if (typeof raw === "string" || typeof raw === "number" || typeof raw === "boolean") values[key] = { value: String(raw) };
  }
  return { file: path.relative(projectDir, file), values };
}

function stackConfigDir(projectDir: string, extension: string): string {
  const projectFile = path.join(projectDir, `Pulumi${extension}`);
  if (!existsSync(projectFile)) return projectDir;
  const project = (parse(readFileSync(projectFile, "utf8")) ?? {}) as { stackConfigDir?: unknown };
  return typeof project.stackConfigDir === "string" ? path.resolve(projectDir, project.stackConfigDir) : projectDir;
}
