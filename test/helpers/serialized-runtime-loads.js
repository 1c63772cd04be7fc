/*
 * Run in a fresh `node` process started in the project root: loads a serialized provider text the way
 * the dynamic-provider host does, calls its check N times and prints how many times it resolved its
 * runtime (calls of module.createRequire): once, if the shim's cache works; then diffs once and tells
 * whether the HTTP client (undici) was loaded.
 * Usage: node serialized-runtime-loads.js <provider text file> <calls>
 */
const fs = require("fs");
const Module = require("module");
const path = require("path");
const sdk = path.dirname(require.resolve("@pulumi/pulumi/package.json"));
const requireFromString = require(require.resolve("require-from-string", { paths: [sdk] }));

let loads = 0;
const createRequire = Module.createRequire;
Module.createRequire = (...args) => {
  loads++;
  return createRequire(...args);
};

(async () => {
  const provider = requireFromString(fs.readFileSync(process.argv[2], "utf8")).handler();
  let checked;
  for (let call = 0; call < Number(process.argv[3]); call++) checked = await provider.check({}, { displayName: `Cached ${call}` });
  await provider.diff("org_1", { ...checked.inputs, organizationId: "org_1" }, checked.inputs);
  const httpClientLoaded = Object.keys(require.cache).some((file) => file.includes(`${path.sep}node_modules${path.sep}undici${path.sep}`));
  process.stdout.write(JSON.stringify({ loads, httpClientLoaded }) + "\n");
  process.exit(0);
})().catch((error) => {
  process.stderr.write(String((error && error.stack) || error));
  process.exit(1);
});
