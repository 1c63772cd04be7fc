import { execFile } from "node:child_process";
import { accessSync, constants, copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, realpathSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { promisify } from "node:util";
import { ScalekitClient } from "../../provider/api/client";
import { isNotFound } from "../../provider/core/api-error";
import { PACKAGE_ROOT } from "../../scripts/package-root";
import { installConsumer, nativeBuildArtifacts } from "../../scripts/packaging/consumer-install";
import { packPackages, type PackedPackages } from "../../scripts/packaging/pack";
import { javascriptProjectManifest, typescriptProjectManifest } from "../../scripts/packaging/pulumi-templates";
import { startEmulatorProcess, type RunningEmulator } from "../../scripts/up/emulator-process";
import { changes, nameOf, StandInStack, type OperationReport } from "../../tools/engine-standin";
import { localSqlitePrebuild } from "./support/sqlite-prebuild";

/*
 * The two packages as users get them: packed, installed into fresh folders by npm (from its cache,
 * which `npm ci` warmed; the registry for what it lacks), and used from there. A TypeScript and a
 * JavaScript Pulumi program, made as `pulumi new` makes them, each install the library's tarball; a
 * third folder installs the emulator's and starts it from its bin. Each program then creates, updates
 * and deletes an organization with a domain and an OIDC connection through the engine stand-in, which
 * runs the program and the real dynamic-provider host in the program's folder as Pulumi does, and the
 * delete runs after the folder was moved. The wall time of each install is printed
 * ("consumer installs (ms): …").
 */
const run = promisify(execFile);
const FIXTURES = path.join(__dirname, "../fixtures/consumers");
const OIDC_SECRET = "packaged-oidc-client-secret";

const scratch = mkdtempSync(path.join(tmpdir(), "packaging-consumer-"));
const folders = {
  typescript: path.join(scratch, "typescript-project"),
  javascript: path.join(scratch, "javascript-project"),
  emulator: path.join(scratch, "emulator-user"),
};
const programs = ["typescript", "javascript"] as const;
type Program = (typeof programs)[number];
let packed: PackedPackages;
const installMs: Record<string, number> = {};

beforeAll(async () => {
  packed = packPackages(scratch);
  const project = (kind: Program) => (kind === "typescript" ? typescriptProjectManifest("packaged-typescript") : javascriptProjectManifest("packaged-javascript"));
  for (const kind of programs) {
    const manifest = project(kind);
    manifest.dependencies = { ...manifest.dependencies, "pulumi-scalekit": `file:${packed.library}` };
    installMs[kind] = await installConsumer(folders[kind], manifest);
    for (const file of readdirSync(path.join(FIXTURES, kind))) copyFileSync(path.join(FIXTURES, kind, file), path.join(folders[kind], file));
  }
  const prebuilds = path.join(scratch, "prebuilds");
  mkdirSync(prebuilds);
  // better-sqlite3 pinned to the version whose binary is handed over as its prebuilt download.
  const sqlite = localSqlitePrebuild(prebuilds);
  installMs.emulator = await installConsumer(
    folders.emulator,
    { name: "emulator-user", dependencies: { "pulumi-scalekit-emulator": `file:${packed.emulator}`, "better-sqlite3": sqlite.version }, devDependencies: { "@types/node": "^18" } },
    { env: sqlite.env },
  );
  copyFileSync(path.join(FIXTURES, "emulator", "uses-emulator.ts"), path.join(folders.emulator, "uses-emulator.ts"));
  process.stdout.write(`consumer installs (ms): ${JSON.stringify(installMs)}\n`);
}, 600_000);
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe("installing the library", () => {
  it.each(programs)("into a %s project compiles nothing native and brings nothing of the emulator's", (kind) => {
    const modules = path.join(folders[kind], "node_modules");
    expect(nativeBuildArtifacts(modules)).toEqual([]);
    const emulatorOnly = ["better-sqlite3", "samlify", "@authenio/samlify-xmllint-wasm", "pulumi-scalekit-emulator", "prebuild-install"];
    expect(emulatorOnly.filter((name) => existsSync(path.join(modules, name)))).toEqual([]);
    expect(JSON.parse(readFileSync(path.join(modules, "pulumi-scalekit", "package.json"), "utf8")).version).toBe(JSON.parse(readFileSync(path.join(PACKAGE_ROOT, "package.json"), "utf8")).version);
  });

  it("into the JavaScript project brings no TypeScript", () => {
    expect(existsSync(path.join(folders.javascript, "node_modules", "typescript"))).toBe(false);
  });

  it("gives the project the pulumi-scalekit command, which loads every command from the install", async () => {
    const { stdout } = await run(path.join(folders.javascript, "node_modules", ".bin", "pulumi-scalekit"), ["--version"]);
    expect(stdout.trim()).toBe(JSON.parse(readFileSync(path.join(PACKAGE_ROOT, "package.json"), "utf8")).version);
  });
});

describe("the packages' types", () => {
  const tsc = () => path.join(folders.typescript, "node_modules", "typescript", "bin", "tsc");
  const projectTsc = path.join(PACKAGE_ROOT, "node_modules", "typescript", "bin", "tsc");

  /** A tsconfig.json in `folder` for `files`: Pulumi's template (the consumer's copy), or this repository's options. */
  const tsconfig = (folder: string, flavour: "template" | "project", files: string[]) => {
    const base = flavour === "template" ? path.join(folders.typescript, "tsconfig.json") : path.join(PACKAGE_ROOT, "tsconfig.base.json");
    const file = path.join(folder, `tsconfig.${flavour}.json`);
    writeFileSync(file, JSON.stringify({ extends: base, compilerOptions: { noEmit: true }, files }));
    return file;
  };
  const compile = async (compiler: string, config: string) => {
    const result = await run(process.execPath, [compiler, "-p", config], { cwd: path.dirname(config) }).catch((error: { stdout: string; stderr: string }) => error);
    return `${result.stdout}${result.stderr}`.trim();
  };

  it("the library's: the TypeScript program builds with tsc, its tsconfig.json and TypeScript 5 as `pulumi new typescript` set them", async () => {
    expect(JSON.parse(readFileSync(path.join(folders.typescript, "node_modules", "typescript", "package.json"), "utf8")).version).toMatch(/^5\./);
    expect(await compile(tsc(), path.join(folders.typescript, "tsconfig.json"))).toBe("");
    expect(readFileSync(path.join(folders.typescript, "bin", "index.js"), "utf8")).toContain('require("pulumi-scalekit")');
  }, 120_000);

  it("the library's: the same program under this repository's compiler options and TypeScript", async () => {
    expect(await compile(projectTsc, tsconfig(folders.typescript, "project", ["index.ts"]))).toBe("");
  }, 120_000);

  it.each(["template", "project"] as const)("the emulator's, with the %s's options, without better-sqlite3's types", async (flavour) => {
    expect(existsSync(path.join(folders.emulator, "node_modules", "@types", "better-sqlite3"))).toBe(false);
    const compiler = flavour === "template" ? tsc() : projectTsc;
    expect(await compile(compiler, tsconfig(folders.emulator, flavour, ["uses-emulator.ts"]))).toBe("");
  }, 120_000);
});

describe("the emulator from its tarball", () => {
  it("is a bin npm made executable, with its binary from the prebuilt download (no compiler ran)", () => {
    const bin = path.join(folders.emulator, "node_modules", ".bin", "scalekit-emulator");
    expect(realpathSync(bin)).toBe(path.join(folders.emulator, "node_modules", "pulumi-scalekit-emulator", "dist", "emulator", "cli.js"));
    expect(() => accessSync(bin, constants.X_OK)).not.toThrow();
    const sqlite = path.join(folders.emulator, "node_modules", "better-sqlite3");
    expect(nativeBuildArtifacts(sqlite)).toEqual(["binding.gyp", "build/Release/better_sqlite3.node"]);
    expect(existsSync(path.join(sqlite, "build", "Release", "obj.target"))).toBe(false);
  });
});

describe.each(programs)("the %s program, through the real provider host in its folder", (kind) => {
  let emulator: RunningEmulator;
  let client: ScalekitClient;
  let stack: StandInStack;
  const stateFile = path.join(scratch, `${kind}-state.json`);
  const moved = `${folders[kind]}-moved`;
  const created: Record<string, string> = {};

  beforeAll(async () => {
    emulator = await startEmulatorProcess({ script: path.join(folders.emulator, "node_modules", ".bin", "scalekit-emulator"), args: ["--port", "0", "--seed", "3"], port: 0 });
    client = new ScalekitClient({ environmentUrl: emulator.url, clientId: emulator.clientId, clientSecret: emulator.clientSecret });
    stack = StandInStack.open({
      projectDir: folders[kind],
      stateFile,
      config: {
        "scalekit:environmentUrl": emulator.url,
        "scalekit:clientId": emulator.clientId,
        "scalekit:clientSecret": { secret: emulator.clientSecret },
        displayName: "Acme",
        oidcClientId: "0oa-first",
        oidcClientSecret: { secret: OIDC_SECRET },
      },
    });
  });
  afterAll(async () => {
    await client?.close();
    await emulator?.stop();
  });

  const steps = (report: OperationReport) =>
    changes(report.plan)
      .filter((step) => step.type.startsWith("pulumi-nodejs:dynamic/"))
      .map((step) => `${step.op} ${step.type.split(":").pop()} ${nameOf(step.urn)}`)
      .sort();

  it("up creates the organization, its domain and its connection", async () => {
    const report = await stack.up();
    expect(report.errors).toEqual([]);
    expect(steps(report)).toEqual(["create Domain acme-domain", "create Organization acme", "create SSOConnection acme-sso"]);
    for (const output of ["organizationId", "domainId", "connectionId"]) created[output] = report.outputs[output] as string;
    expect((await client.organizations.get(created.organizationId)).display_name).toBe("Acme");
    expect((await client.domains.get(created.organizationId, created.domainId)).domain).toBe("acme-packaged.example.com");
    expect((await client.connections.get(created.organizationId, created.connectionId)).oidc_config?.client_id).toBe("0oa-first");
    expect(report.outputs.redirectUri).toMatch(new RegExp(`^${emulator.url}/`));
  }, 180_000);

  it("keeps no path of the project and no secret in plain text in its state", () => {
    const providers = stack.state.resources.flatMap((resource) => (typeof resource.outputs.__provider === "string" ? [resource.outputs.__provider] : []));
    expect(providers).toHaveLength(3);
    expect(providers.filter((provider) => provider.includes(scratch) || provider.length > 4096)).toEqual([]);
    const file = readFileSync(stateFile, "utf8");
    expect([emulator.clientSecret, OIDC_SECRET].filter((secret) => file.includes(secret))).toEqual([]);
  });

  it("up after a config change updates the organization and the connection in place", async () => {
    stack.setConfig("displayName", "Acme Corporation");
    stack.setConfig("oidcClientId", "0oa-second");
    const report = await stack.up();
    expect(report.errors).toEqual([]);
    expect(steps(report)).toEqual(["update Organization acme", "update SSOConnection acme-sso"]);
    expect((await client.organizations.get(created.organizationId)).display_name).toBe("Acme Corporation");
    expect((await client.connections.get(created.organizationId, created.connectionId)).oidc_config?.client_id).toBe("0oa-second");
    expect(report.outputs).toMatchObject({ organizationId: created.organizationId, domainId: created.domainId, connectionId: created.connectionId });
  }, 180_000);

  it("destroy, after the project folder moved, deletes everything from the new folder", async () => {
    renameSync(folders[kind], moved);
    const relocated = StandInStack.open({ projectDir: moved, stateFile });
    expect(relocated.project.programDirectory).toBe(moved);
    const report = await relocated.destroy();
    expect(report.errors).toEqual([]);
    expect(steps(report)).toEqual(["delete Domain acme-domain", "delete Organization acme", "delete SSOConnection acme-sso"]);
    expect(isNotFound(await client.organizations.get(created.organizationId).catch((error: unknown) => error))).toBe(true);
    expect(existsSync(folders[kind])).toBe(false);
  }, 180_000);
});
