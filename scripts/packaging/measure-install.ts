import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { parseArgs } from "node:util";
import { folderSize, installConsumer, npmInstall } from "./consumer-install";
import { packPackages } from "./pack";
import { javascriptProjectManifest } from "./pulumi-templates";

const USAGE = `usage: npm run -s measure:install [-- --cold]
Packs the library and measures what installing it costs a user: a fresh JavaScript Pulumi project (as
\`pulumi new javascript\` makes it) is installed, then \`npm install pulumi-scalekit-<version>.tgz\` into
it. Prints the wall time of each install and the size of node_modules after it, from npm's cache
(--prefer-offline) and, with --cold, from an empty cache (everything downloaded from the registry).`;

interface Measurement {
  cache: string;
  projectMs: number;
  projectBytes: number;
  libraryMs: number;
  libraryBytes: number;
}

async function measure(library: string, folder: string, cold: boolean): Promise<Measurement> {
  const project = path.join(folder, "project");
  const cache = cold ? path.join(folder, "cache") : undefined;
  const projectMs = await installConsumer(project, javascriptProjectManifest("measure-install"), { cache });
  const projectBytes = folderSize(path.join(project, "node_modules"));
  const libraryMs = await npmInstall(project, [library], { cache });
  const libraryBytes = folderSize(path.join(project, "node_modules"));
  return { cache: cold ? "empty (cold)" : "npm's (warm)", projectMs, projectBytes, libraryMs, libraryBytes };
}

const megabytes = (bytes: number) => `${(bytes / 1e6).toFixed(1)} MB`;
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { cold: { type: "boolean" }, help: { type: "boolean" } } });
  if (values.help) return console.log(USAGE);
  const scratch = mkdtempSync(path.join(tmpdir(), "measure-install-"));
  try {
    const { library } = packPackages(scratch);
    const runs = [await measure(library, path.join(scratch, "warm"), false)];
    if (values.cold) runs.push(await measure(library, path.join(scratch, "cold"), true));
    console.log(`${path.basename(library)} into a fresh \`pulumi new javascript\` project (@pulumi/pulumi alone, then pulumi-scalekit added)`);
    for (const run of runs) {
      console.log(
        `  cache ${run.cache}: project ${seconds(run.projectMs)}, ${megabytes(run.projectBytes)}; ` +
          `+ pulumi-scalekit ${seconds(run.libraryMs)}, +${megabytes(run.libraryBytes - run.projectBytes)} (node_modules ${megabytes(run.libraryBytes)})`,
      );
    }
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
