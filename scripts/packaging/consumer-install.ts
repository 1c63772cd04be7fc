import { execFile } from "node:child_process";
import { mkdirSync, readdirSync, statSync, writeFileSync } from "node:fs";
import * as path from "node:path";
import { promisify } from "node:util";

const run = promisify(execFile);

export interface ConsumerManifest {
  dependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
  [field: string]: unknown;
}

export interface InstallOptions {
  /** npm's cache folder (default npm's own); an empty one makes the install download everything. */
  cache?: string;
  /** Environment of npm and of the packages' install scripts, on top of this process's. */
  env?: NodeJS.ProcessEnv;
}

/**
 * A project of a user: `manifest` as its package.json, then `npm install` as they would run it, from
 * npm's cache where it can (--prefer-offline: packages npm has seen are not asked for again). Resolves
 * with the wall time of the install in milliseconds.
 */
export async function installConsumer(directory: string, manifest: ConsumerManifest, options: InstallOptions = {}): Promise<number> {
  mkdirSync(directory, { recursive: true });
  writeFileSync(path.join(directory, "package.json"), `${JSON.stringify({ private: true, ...manifest }, null, 2)}\n`);
  return npmInstall(directory, [], options);
}

/** `npm install <specs…>` in an installed project (as `npm install pulumi-scalekit` in a Pulumi project); the wall time in milliseconds. */
export function npmInstall(directory: string, specs: string[], options: InstallOptions = {}): Promise<number> {
  const args = ["install", ...specs, "--prefer-offline", "--no-audit", "--no-fund", "--loglevel=error"];
  if (options.cache) args.push("--cache", options.cache);
  const started = Date.now();
  return run("npm", args, { cwd: directory, env: { ...process.env, ...options.env }, maxBuffer: 16 * 1024 * 1024 }).then(
    () => Date.now() - started,
    (error: Error & { stderr?: string }) => {
      throw new Error(`npm ${args.join(" ")} failed in ${directory}:\n${error.stderr ?? error.message}`);
    },
  );
}

/** Bytes of the files under `folder` (what `du -sb` counts, without following links). */
export function folderSize(folder: string): number {
  return readdirSync(folder, { withFileTypes: true }).reduce((total, entry) => {
    const full = path.join(folder, entry.name);
    if (entry.isDirectory()) return total + folderSize(full);
    return total + (entry.isFile() ? statSync(full).size : 0);
  }, 0);
}

/**
 * What compiling native code leaves (or needs) under `nodeModules`: `.node` binaries and
 * `binding.gyp` files, as paths relative to it.
 */
export function nativeBuildArtifacts(nodeModules: string): string[] {
  const found: string[] = [];
  const visit = (folder: string) => {
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      const full = path.join(folder, entry.name);
      if (entry.isDirectory()) visit(full);
      else if (entry.name.endsWith(".node") || entry.name === "binding.gyp") found.push(path.relative(nodeModules, full));
    }
  };
  visit(nodeModules);
  return found.sort();
}
