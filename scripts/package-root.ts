import { readFileSync } from "node:fs";
import * as path from "node:path";

/**
 * The root of this package (where package.json, dist/ and node_modules are), found through the
 * package's own name so that it is the same from the TypeScript sources (tests) and from dist/.
 */
export const PACKAGE_ROOT = path.dirname(require.resolve("pulumi-scalekit/package.json"));

/** A built file, e.g. builtFile("scripts/up/main.js") → <root>/dist/scripts/up/main.js. */
export const builtFile = (relative: string) => path.join(PACKAGE_ROOT, "dist", relative);

/**
 * The emulator's command line: the `scalekit-emulator` bin of the pulumi-scalekit-emulator package,
 * found by package name from `from` as Node finds it (here, the workspace npm links into node_modules).
 */
export function emulatorCommand(from: string = PACKAGE_ROOT): string {
  const manifest = require.resolve("pulumi-scalekit-emulator/package.json", { paths: [from] });
  const { bin } = JSON.parse(readFileSync(manifest, "utf8")) as { bin: Record<string, string> };
  return path.join(path.dirname(manifest), bin["scalekit-emulator"]);
}
