// Node 20 refuses `import x from "./file.json"` without `with { type: "json" }`, which bundler-built
// ES modules such as @actions/workflow-parser omit; this hook serves such JSON as a module instead.
// Used with `node --import <this file>` by workflow-inspect.mjs.
import { register } from "node:module";

register(
  "data:text/javascript," +
    encodeURIComponent(`
import { readFileSync } from "node:fs";
export async function load(url, context, nextLoad) {
  if (url.startsWith("file:") && url.endsWith(".json") && !context.importAttributes?.type) {
    return { format: "module", shortCircuit: true, source: "export default " + readFileSync(new URL(url), "utf8") + ";" };
  }
  return nextLoad(url, context);
}`),
);
