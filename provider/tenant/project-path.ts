import { existsSync } from "node:fs";
import * as path from "node:path";
import * as pulumi from "@pulumi/pulumi";

/**
 * A path a program names relative to its project: resolved against the project root (the folder of
 * Pulumi.yaml, PULUMI_NODEJS_ROOT_DIRECTORY), then against the working directory. Pulumi runs a program
 * in the folder of its `main` (e.g. dist/), not in the project root (pkg/engine/project.go,
 * getPwdMain). When the file exists in neither, the project-root path is returned, for the error.
 */
export function projectPath(file: string): string {
  if (path.isAbsolute(file)) return file;
  const candidates = [...projectRoots(), process.cwd()].map((directory) => path.resolve(directory, file));
  return candidates.find((candidate) => existsSync(candidate)) ?? candidates[0];
}

/** The folder of the project's Pulumi.yaml when the SDK knows it, else the working directory. */
export function projectRoot(): string {
  return projectRoots()[0] ?? process.cwd();
}

/** The project root, when the SDK knows it (3.153+ sets it; under mocks it is a placeholder). */
function projectRoots(): string[] {
  const root = (pulumi.runtime as { getRootDirectory?: () => string }).getRootDirectory?.() || process.env.PULUMI_NODEJS_ROOT_DIRECTORY;
  return root && path.isAbsolute(root) ? [root] : [];
}
