import { execFileSync } from "node:child_process";
import * as path from "node:path";
import { PACKAGE_ROOT } from "../package-root";

export interface PackedPackages {
  /** pulumi-scalekit-<version>.tgz */
  library: string;
  /** pulumi-scalekit-emulator-<version>.tgz */
  emulator: string;
}

/**
 * `npm pack` of the library (the repository root) and of the emulator (its workspace) into
 * `destination`, as they are built: lifecycle scripts are skipped, so build first (`npm test` does).
 */
export function packPackages(destination: string): PackedPackages {
  return { library: pack(PACKAGE_ROOT, destination), emulator: pack(path.join(PACKAGE_ROOT, "emulator"), destination) };
}

function pack(folder: string, destination: string): string {
  const output = execFileSync("npm", ["pack", "--ignore-scripts", "--json", "--pack-destination", destination], { cwd: folder, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
  const [packed] = JSON.parse(output) as { filename: string }[];
  return path.join(destination, packed.filename);
}
