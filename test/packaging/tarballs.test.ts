import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { builtinModules } from "node:module";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { PACKAGE_ROOT } from "../../scripts/package-root";
import { packPackages } from "../../scripts/packaging/pack";
import { unpackTarball } from "./support/tarball";

/*
 * What `npm pack` makes of the two packages (as built: `npm test` builds first): the files each
 * tarball holds and what its package.json promises. test/packaging/consumer.test.ts installs them.
 */
interface Manifest {
  name: string;
  main: string;
  types: string;
  bin?: Record<string, string>;
  exports: Record<string, string | { types: string; default: string }>;
  dependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
  bundleDependencies?: string[];
}

interface Unpacked {
  folder: string;
  files: string[];
  manifest: Manifest;
}

/** What only the emulator needs at run time: none of it may reach a user of the library. */
const EMULATOR_ONLY = ["better-sqlite3", "samlify", "@authenio/samlify-xmllint-wasm", "jose", "pulumi-scalekit-emulator"];

const scratch = mkdtempSync(path.join(tmpdir(), "packaging-tarballs-"));
const unpacked = {} as Record<"library" | "emulator", Unpacked>;

beforeAll(() => {
  const packed = packPackages(scratch);
  for (const which of ["library", "emulator"] as const) {
    const folder = path.join(scratch, which);
    const files = unpackTarball(packed[which], folder);
    unpacked[which] = { folder, files, manifest: JSON.parse(readFileSync(path.join(folder, "package.json"), "utf8")) };
  }
}, 120_000);
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const which = ["library", "emulator"] as const;

describe("the library's package.json", () => {
  it("depends at run time on what the library imports, and on nothing of the emulator's", () => {
    const { manifest } = unpacked.library;
    expect(manifest.name).toBe("pulumi-scalekit");
    expect(Object.keys(manifest.dependencies ?? {}).sort()).toEqual(["fast-xml-parser", "undici", "yaml", "zod"]);
    expect(manifest.peerDependencies).toEqual({ "@pulumi/pulumi": ">=3.139.0 <4.0.0" });
    const installed = [manifest.dependencies, manifest.optionalDependencies, manifest.peerDependencies].flatMap((field) => Object.keys(field ?? {}));
    expect(installed.concat(manifest.bundleDependencies ?? []).filter((name) => EMULATOR_ONLY.includes(name))).toEqual([]);
  });

  it("exports the library, the runtime the serialized provider loads, health, the commands and scaffold; no emulator", () => {
    expect(Object.keys(unpacked.library.manifest.exports).sort()).toEqual([".", "./cli", "./health", "./package.json", "./runtime", "./scaffold"]);
    expect(unpacked.library.manifest.bin).toEqual({ "pulumi-scalekit": "dist/provider/cli/main.js" });
  });
});

describe("the emulator's package.json", () => {
  it("depends on what the emulator imports, and has its CLI as a bin", () => {
    const { manifest } = unpacked.emulator;
    expect(manifest.name).toBe("pulumi-scalekit-emulator");
    expect(Object.keys(manifest.dependencies ?? {}).sort()).toEqual(["@authenio/samlify-xmllint-wasm", "better-sqlite3", "fast-xml-parser", "jose", "samlify"]);
    expect(manifest.bin).toEqual({ "scalekit-emulator": "dist/emulator/cli.js" });
  });
});

describe.each(which)("the %s tarball", (name) => {
  it("has the Apache-2.0 LICENSE in full, the README and package.json at its top", () => {
    const { folder, files } = unpacked[name];
    expect(files.filter((file) => !file.includes("/"))).toEqual(["LICENSE", "README.md", "package.json"]);
    const license = readFileSync(path.join(folder, "LICENSE"), "utf8");
    expect(license).toBe(readFileSync(path.join(PACKAGE_ROOT, "LICENSE"), "utf8"));
    expect(license).toMatch(/Apache License\s+Version 2\.0, January 2004/);
    expect(license).toContain("END OF TERMS AND CONDITIONS");
  });

  it("ships compiled code and declarations only: no TypeScript sources, no build info", () => {
    const { files } = unpacked[name];
    expect(files.filter((file) => (file.endsWith(".ts") && !file.endsWith(".d.ts")) || file.endsWith(".tsbuildinfo"))).toEqual([]);
    expect(files.filter((file) => file.includes("/")).every((file) => file.startsWith("dist/"))).toBe(true);
  });

  it("starts each bin with a node shebang", () => {
    const { folder, manifest } = unpacked[name];
    const bins = Object.values(manifest.bin ?? {});
    expect(bins).toHaveLength(1);
    expect(bins.map((file) => readFileSync(path.join(folder, file), "utf8").split("\n")[0])).toEqual(["#!/usr/bin/env node"]);
  });

  it("has every entry point its package.json names", () => {
    const { folder, manifest } = unpacked[name];
    const targets = Object.values(manifest.exports).flatMap((target) => (typeof target === "string" ? [target] : [target.types, target.default]));
    const missing = [manifest.main, manifest.types, ...Object.values(manifest.bin ?? {}), ...targets].filter((file) => !existsSync(path.join(folder, file)));
    expect(missing).toEqual([]);
  });

  it("has no dangling source map: each one a file of the tarball, with the sources it maps inside it", () => {
    const { folder, files } = unpacked[name];
    const scripts = files.filter((file) => file.endsWith(".js"));
    const problems = scripts.flatMap((file) => {
      const link = readFileSync(path.join(folder, file), "utf8").match(/\/\/# sourceMappingURL=(\S+)\s*$/)?.[1];
      if (link === undefined) return [];
      const mapFile = path.join(path.dirname(file), link);
      if (!files.includes(mapFile)) return [`${file} → ${mapFile}: not in the tarball`];
      const map = JSON.parse(readFileSync(path.join(folder, mapFile), "utf8")) as { sources: string[]; sourcesContent?: (string | null)[] };
      const inlined = map.sourcesContent?.filter((content) => typeof content === "string").length ?? 0;
      return inlined === map.sources.length ? [] : [`${mapFile}: ${map.sources.length - inlined} of ${map.sources.length} sources not inlined`];
    });
    expect(problems).toEqual([]);
    expect(scripts.length).toBeGreaterThan(20);
  });

  it("imports only its own files, Node's modules and the packages its package.json declares", () => {
    const { folder, files, manifest } = unpacked[name];
    const declared = new Set([manifest.name, ...Object.keys(manifest.dependencies ?? {}), ...Object.keys(manifest.peerDependencies ?? {})]);
    const builtin = new Set(builtinModules);
    const problems = files
      .filter((file) => file.endsWith(".js") || file.endsWith(".d.ts"))
      .flatMap((file) =>
        importsOf(readFileSync(path.join(folder, file), "utf8")).flatMap((specifier) => {
          if (specifier.startsWith(".")) return resolvesInside(folder, path.dirname(file), specifier) ? [] : [`${file}: ${specifier} is not in the tarball`];
          if (specifier.startsWith("node:") || builtin.has(specifier)) return [];
          return declared.has(packageName(specifier)) ? [] : [`${file}: ${specifier} is not a declared dependency`];
        }),
      );
    expect(problems).toEqual([]);
  });
});

it("the emulator's public types do not reach its storage (better-sqlite3's types are a dev dependency)", () => {
  const { folder, manifest } = unpacked.emulator;
  const entries = Object.values(manifest.exports).flatMap((target) => (typeof target === "string" ? [] : [target.types]));
  const reached = reachableDeclarations(folder, entries);
  expect(reached).toContain("dist/emulator/types.d.ts");
  expect(reached.filter((file) => importsOf(readFileSync(path.join(folder, file), "utf8")).includes("better-sqlite3"))).toEqual([]);
});

/** The modules a compiled file or a declaration file loads: require("…"); import/export … from "…", import "…", import("…"). */
function importsOf(text: string): string[] {
  const patterns = [/\brequire\("([^"]+)"\)/g, /^(?:import|export)\b[^;]*?\bfrom "([^"]+)"/gm, /^import "([^"]+)"/gm, /\bimport\("([^"]+)"\)/g];
  return patterns.flatMap((pattern) => [...text.matchAll(pattern)].map((match) => match[1]));
}

function packageName(specifier: string): string {
  const parts = specifier.split("/");
  return specifier.startsWith("@") ? parts.slice(0, 2).join("/") : parts[0];
}

function resolvesInside(folder: string, from: string, specifier: string): boolean {
  const base = path.join(folder, from, specifier);
  return [base, `${base}.js`, `${base}.d.ts`, path.join(base, "index.js"), path.join(base, "index.d.ts")].some((candidate) => existsSync(candidate) && statSync(candidate).isFile());
}

/** The declaration files reachable from `entries` through relative imports, relative to `folder`. */
function reachableDeclarations(folder: string, entries: string[]): string[] {
  const seen = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    for (const specifier of importsOf(readFileSync(path.join(folder, file), "utf8")).filter((item) => item.startsWith("."))) {
      const base = path.join(path.dirname(file), specifier);
      const next = [`${base}.d.ts`, path.join(base, "index.d.ts")].find((candidate) => existsSync(path.join(folder, candidate)));
      if (next) visit(next);
    }
  };
  entries.forEach(visit);
  return [...seen].sort();
}
