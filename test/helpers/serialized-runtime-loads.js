/*
 * Run in a fresh `node` process started in the project root: loads a serialized provider text the way
 * the dynamic-provider host does, calls its check N times and prints how many times it resolved its
 * runtime (calls of module.createRequire): once, if the shim's cache works.
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
  for (let call = 0; call < Number(process.argv[3]); call++) await provider.check({}, { displayName: `Cached ${call}` });
  process.stdout.write(JSON.stringify({ loads }) + "\n");
  process.exit(0);
})().catch((error) => {
  process.stderr.write(String((error && error.stack) || error));
  process.exit(1);
});
