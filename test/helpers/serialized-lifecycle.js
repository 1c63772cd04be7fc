/*
 * Run in a fresh `node` process started in the project root: loads a serialized provider text the way
 * the dynamic-provider host does (require-from-string, no file name), configures it like the host, and
 * runs check → create → read → diff → update → delete. Prints one JSON line with what each step returned.
 * Usage: node serialized-lifecycle.js <scenario.json>
 */
const fs = require("fs");
const path = require("path");
const sdk = path.dirname(require.resolve("@pulumi/pulumi/package.json"));
const requireFromString = require(require.resolve("require-from-string", { paths: [sdk] }));

(async () => {
  const scenario = JSON.parse(fs.readFileSync(process.argv[2], "utf8"));
  const provider = requireFromString(scenario.providerText).handler();
  await provider.configure({ config: { get: (key) => scenario.config[key] } });
  const checked = await provider.check({}, scenario.inputs);
  const created = await provider.create(checked.inputs);
  const read = await provider.read(created.id, created.outs);
  const changed = (await provider.check(checked.inputs, scenario.updatedInputs)).inputs;
  const diff = await provider.diff(created.id, created.outs, changed);
  const updated = await provider.update(created.id, created.outs, changed);
  await provider.delete(created.id, updated.outs);
  const afterDelete = await provider.read(created.id, updated.outs);
  process.stdout.write(JSON.stringify({ checked, created, read, diff, updated, afterDelete }) + "\n");
  process.exit(0);
})().catch((error) => {
  process.stderr.write(String(error && error.stack || error));
  process.exit(1);
});
