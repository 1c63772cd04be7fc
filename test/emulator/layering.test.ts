import { readdirSync, readFileSync } from "node:fs";
import * as path from "node:path";

/*
 * The emulator's authorization-server folders depend on each other in one direction only:
 * sso → oauth → mcp. `authorization-server.ts` at the top wires the three together.
 */
const EMULATOR = path.resolve(__dirname, "../../emulator");
const LAYERS = ["mcp", "oauth", "sso"];

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? sourceFiles(full) : entry.name.endsWith(".ts") ? [full] : [];
  });
}

/** "from → to" for every import of one layer folder from another. */
function crossLayerImports(): string[] {
  return LAYERS.flatMap((layer) =>
    sourceFiles(path.join(EMULATOR, layer)).flatMap((file) =>
      [...readFileSync(file, "utf8").matchAll(/from "(\.[^"]+)"/g)]
        .map((match) => path.relative(EMULATOR, path.resolve(path.dirname(file), match[1])).split(path.sep)[0])
        .filter((target) => LAYERS.includes(target) && target !== layer)
        .map((target) => `${layer} → ${target}`),
    ),
  );
}

it("imports go sso → oauth → mcp, never back", () => {
  const edges = [...new Set(crossLayerImports())].sort();
  expect(edges).toEqual(["oauth → mcp", "sso → oauth"]);
});
