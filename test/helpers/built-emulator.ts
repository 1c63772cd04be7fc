import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import * as path from "node:path";
import { emulatorCommand, PACKAGE_ROOT } from "../../scripts/package-root";

/**
 * The emulator's command line (the bin of the pulumi-scalekit-emulator workspace). `npm test` builds
 * first; a suite run on its own from a clean tree builds the emulator here.
 */
export function builtEmulatorCommand(): string {
  const command = emulatorCommand();
  if (!existsSync(command)) {
    const tsc = path.join(PACKAGE_ROOT, "node_modules", "typescript", "bin", "tsc");
    const build = spawnSync(process.execPath, [tsc, "-b", "emulator"], { cwd: PACKAGE_ROOT, encoding: "utf8" });
    if (build.status !== 0) throw new Error(`build failed: ${build.stdout}${build.stderr}`);
  }
  return command;
}
