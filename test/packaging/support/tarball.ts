import { execFileSync } from "node:child_process";
import { mkdirSync, readdirSync } from "node:fs";
import * as path from "node:path";

/** A packed tarball unpacked into `folder` (npm's `package/` prefix removed); its files, relative and sorted. */
export function unpackTarball(tarball: string, folder: string): string[] {
  mkdirSync(folder, { recursive: true });
  execFileSync("tar", ["-xzf", tarball, "-C", folder, "--strip-components=1"]);
  return filesUnder(folder).sort();
}

function filesUnder(root: string, folder = root): string[] {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(folder, entry.name);
    return entry.isDirectory() ? filesUnder(root, full) : [path.relative(root, full)];
  });
}
