import { existsSync, readFileSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";

const app = join(__dirname, "..", "..", "examples", "mcp-server");
const read = (file: string) => readFileSync(join(app, file), "utf8");
const packageJson = JSON.parse(read("package.json"));

/** Dockerfile instructions with continuation lines joined. */
function instructions(): { keyword: string; args: string; stage: number }[] {
  let stage = -1;
  return read("Dockerfile")
    .replace(/\\\n/g, " ")
    .split("\n")
    .map((line) => line.trim())
    .filter((line) => line !== "" && !line.startsWith("#"))
    .map((line) => {
      const [keyword, ...rest] = line.split(/\s+/);
      if (keyword.toUpperCase() === "FROM") stage++;
      return { keyword: keyword.toUpperCase(), args: rest.join(" "), stage };
    });
}

function sourceFiles(dir = join(app, "src")): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sourceFiles(path) : [path];
  });
}

describe("the server's Docker build inputs", () => {
  const steps = instructions();
  const finalStage = Math.max(...steps.map((step) => step.stage));
  const runtime = steps.filter((step) => step.stage === finalStage);
  const ignored = read(".dockerignore")
    .split("\n")
    .map((line) => line.trim())
    .filter((line) => line !== "" && !line.startsWith("#"));

  it("copies only files that exist and that .dockerignore keeps in the context", () => {
    const copies = steps.filter((step) => step.keyword === "COPY" && !step.args.startsWith("--from"));
    const sources = copies.flatMap((step) => step.args.split(/\s+/).slice(0, -1));
    expect(sources.sort()).toEqual(["package-lock.json", "package-lock.json", "package.json", "package.json", "src", "tsconfig.build.json"]);
    for (const source of sources) {
      expect({ source, exists: existsSync(join(app, source)) }).toEqual({ source, exists: true });
      expect(ignored).not.toContain(source);
    }
  });

  it("runs the compiled entry point of src/main.ts", () => {
    const tsconfig = JSON.parse(read("tsconfig.build.json")).compilerOptions;
    const cmd = JSON.parse(runtime.find((step) => step.keyword === "CMD")!.args);
    expect(cmd).toEqual(["node", `${tsconfig.outDir}/main.js`]);
    expect(existsSync(join(app, tsconfig.rootDir, "main.ts"))).toBe(true);
    expect(packageJson.scripts.build).toBe("tsc -p tsconfig.build.json");
  });

  it("builds both stages on NODE_IMAGE, the official node:20-slim unless told otherwise, with no BuildKit frontend to pull", () => {
    expect(steps.filter((step) => step.stage === -1)).toEqual([{ keyword: "ARG", args: "NODE_IMAGE=node:20-slim", stage: -1 }]);
    expect(steps.filter((step) => step.keyword === "FROM").map((step) => step.args)).toEqual(["${NODE_IMAGE} AS build", "${NODE_IMAGE} AS runtime"]);
    expect(read("Dockerfile")).not.toMatch(/^#\s*syntax\s*=/im);
  });

  it("runs as node with production dependencies only, exposes the default port and probes /healthz", () => {
    expect(runtime).toContainEqual(expect.objectContaining({ keyword: "RUN", args: expect.stringContaining("npm ci --omit=dev") }));
    expect(runtime).toContainEqual(expect.objectContaining({ keyword: "USER", args: "node" }));
    expect(runtime).toContainEqual(expect.objectContaining({ keyword: "EXPOSE", args: "3002" }));
    expect(runtime.find((step) => step.keyword === "HEALTHCHECK")?.args).toMatch(/\/healthz/);
  });

  it("declares every package the server imports at run time as a dependency, and its lock file agrees", () => {
    const imported = new Set<string>();
    for (const file of sourceFiles()) {
      for (const [, typeOnly, specifier] of readFileSync(file, "utf8").matchAll(/^import (type )?[^;]*?from "([^".][^"]*)";/gm)) {
        if (typeOnly || specifier.startsWith("node:")) continue;
        const name = specifier.startsWith("@") ? specifier.split("/").slice(0, 2).join("/") : specifier.split("/")[0];
        imported.add(name);
      }
    }
    expect([...imported].sort()).toEqual(Object.keys(packageJson.dependencies).sort());
    const lock = JSON.parse(read("package-lock.json"));
    expect(lock.packages[""].dependencies).toEqual(packageJson.dependencies);
    expect(lock.packages[""].devDependencies).toEqual(packageJson.devDependencies);
  });

  it("has no package.json entry point, so Pulumi runs index.ts (the stack) rather than the server", () => {
    expect(packageJson).not.toHaveProperty("main");
    expect(packageJson).not.toHaveProperty("exports");
  });
});
