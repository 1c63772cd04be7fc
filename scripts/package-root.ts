import * as path from "node:path";

/**
 * The root of this package (where package.json, dist/ and node_modules are), found through the
 * package's own name so that it is the same from the TypeScript sources (tests) and from dist/.
 */
export const PACKAGE_ROOT = path.dirname(require.resolve("pulumi-scalekit/package.json"));

/** A built file, e.g. builtFile("emulator/cli.js") → <root>/dist/emulator/cli.js. */
export const builtFile = (relative: string) => path.join(PACKAGE_ROOT, "dist", relative);
