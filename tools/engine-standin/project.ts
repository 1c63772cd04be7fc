import { readFileSync, statSync } from "node:fs";
import * as path from "node:path";
import { parse } from "yaml";

/** A Pulumi project as the CLI runs it: where Pulumi.yaml is, and where and what the program is. */
export interface PulumiProject {
  name: string;
  /** The folder of Pulumi.yaml: `--root-directory`, PULUMI_NODEJS_ROOT_DIRECTORY. */
  rootDirectory: string;
  /** The working directory of the program and of the provider host: the folder of `main`. */
  programDirectory: string;
  /** The entry point handed to the Node language host, relative to `programDirectory` ("." = package.json's main). */
  entryPoint: string;
  /** `runtime.options.typescript` (true unless set to false), as the language host reads it. */
  typescript: boolean;
  /** `runtime.options.nodeargs`: extra arguments of `node` (split on spaces; no shell quoting). */
  nodeArgs: string[];
}

/** Reads Pulumi.yaml in `rootDirectory`. */
export function readProject(rootDirectory: string): PulumiProject {
  const root = path.resolve(rootDirectory);
  const file = path.join(root, "Pulumi.yaml");
  const document = parse(readFileSync(file, "utf8")) as { name?: unknown; main?: unknown; runtime?: unknown } | null;
  if (!document || typeof document.name !== "string") throw new Error(`${file} has no project name`);
  const runtime = document.runtime;
  const runtimeName = typeof runtime === "string" ? runtime : (runtime as { name?: unknown } | undefined)?.name;
  if (runtimeName !== "nodejs") throw new Error(`${file}: only the nodejs runtime can be run here, not ${JSON.stringify(runtimeName)}`);
  const options = typeof runtime === "object" && runtime ? ((runtime as { options?: Record<string, unknown> }).options ?? {}) : {};
  const { pwd, main } = programLocation(root, typeof document.main === "string" ? document.main : "");
  const nodeArgs = typeof options.nodeargs === "string" ? options.nodeargs.split(/\s+/).filter(Boolean) : [];
  return { name: document.name, rootDirectory: root, programDirectory: pwd, entryPoint: main, typescript: options.typescript !== false, nodeArgs };
}

/**
 * The working directory and entry point of the program: the folder of `main` (or `main` itself when it
 * is a folder), so relative paths in the program start there. pkg/engine/project.go, getPwdMain.
 */
export function programLocation(root: string, main: string): { pwd: string; main: string } {
  if (!main) return { pwd: root, main: "." };
  const absolute = path.isAbsolute(main) ? main : path.join(root, main);
  let isDirectory: boolean;
  try {
    isDirectory = statSync(absolute).isDirectory();
  } catch (error) {
    throw new Error(`project 'main' could not be read: ${(error as Error).message}`);
  }
  return isDirectory ? { pwd: absolute, main: "." } : { pwd: path.dirname(absolute), main: path.basename(absolute) };
}
