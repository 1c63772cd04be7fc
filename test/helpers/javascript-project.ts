import { execFileSync } from "node:child_process";
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { PACKAGE_ROOT } from "../../scripts/package-root";

const EXAMPLE = path.join(PACKAGE_ROOT, "examples", "javascript");

/**
 * A copy of examples/javascript in a temporary folder, installed as a plain JavaScript project is:
 * its node_modules holds every package of this repository's node_modules (hard links: no copy, no
 * symbolic links for Node to resolve back here) except `typescript`, plus pulumi-scalekit (package.json
 * and the built dist/). From there, @pulumi/pulumi cannot resolve `typescript` and serializes with its
 * bundled TypeScript 3.8.3. `tenantsFile` is copied in as tenants.yaml.
 */
export function javascriptProjectWithoutTypescript(tenantsFile: string): { directory: string; remove(): void } {
  const directory = mkdtempSync(path.join(tmpdir(), "scalekit-js-"));
  for (const file of ["Pulumi.yaml", "package.json", "index.js"]) copyFileSync(path.join(EXAMPLE, file), path.join(directory, file));
  copyFileSync(tenantsFile, path.join(directory, "tenants.yaml"));
  const modules = path.join(directory, "node_modules");
  linkedCopy(path.join(PACKAGE_ROOT, "node_modules"), modules);
  for (const entry of ["typescript", ".bin/tsc", ".bin/tsserver", ...workspaceLinks(modules)]) rmSync(path.join(modules, entry), { recursive: true, force: true });
  const self = path.join(modules, "pulumi-scalekit");
  mkdirSync(self);
  copyFileSync(path.join(PACKAGE_ROOT, "package.json"), path.join(self, "package.json"));
  linkedCopy(path.join(PACKAGE_ROOT, "dist"), path.join(self, "dist"));
  return { directory, remove: () => rmSync(directory, { recursive: true, force: true }) };
}

/** npm's links to this repository's own packages (the root, the workspaces): they point nowhere from a copy. */
function workspaceLinks(modules: string): string[] {
  return readdirSync(modules, { withFileTypes: true })
    .filter((entry) => entry.isSymbolicLink())
    .map((entry) => entry.name);
}

/** `cp -al`: the tree with hard-linked files (a plain copy where hard links are impossible). */
function linkedCopy(from: string, to: string): void {
  try {
    execFileSync("cp", ["-al", from, to], { stdio: "pipe" });
  } catch {
    rmSync(to, { recursive: true, force: true });
    execFileSync("cp", ["-a", from, to], { stdio: "pipe" });
  }
}
