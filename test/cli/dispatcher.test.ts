import { execFile } from "node:child_process";
import { readFileSync } from "node:fs";
import * as path from "node:path";
import { runCli } from "../../provider/cli/cli";
import { COMMANDS } from "../../provider/cli/commands";
import { HEALTH_USAGE } from "../../provider/cli/health/arguments";
import { PORTAL_LINK_USAGE } from "../../provider/cli/portal-link/arguments";
import { PACKAGE_ROOT } from "../../scripts/package-root";

/* `pulumi-scalekit <command>`: one dispatcher for the package's bin and this repository's npm scripts. */
async function cli(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(argv, { cwd: PACKAGE_ROOT, env: {}, out: (line) => out.push(line), err: (line) => err.push(line) });
  return { code, out: out.join("\n"), err: err.join("\n") };
}

const PACKAGE = JSON.parse(readFileSync(path.join(PACKAGE_ROOT, "package.json"), "utf8"));

describe("the dispatcher", () => {
  test("--help lists every command; no command at all is a usage error", async () => {
    const help = await cli("--help");
    expect(help.code).toBe(0);
    for (const command of COMMANDS) expect(help.out).toMatch(new RegExp(`^  ${command.name} +${command.summary.replace(/[()]/g, "\\$&")}$`, "m"));
    expect(await cli()).toEqual({ code: 2, out: "", err: help.out });
  });

  test("<command> --help and help <command> print the command's usage, and run nothing", async () => {
    expect(await cli("portal-link", "--help")).toEqual({ code: 0, out: PORTAL_LINK_USAGE, err: "" });
    expect(await cli("help", "health")).toEqual({ code: 0, out: HEALTH_USAGE, err: "" });
  });

  test("an unknown command or option: exit 2, what is wrong, then the usage", async () => {
    const unknown = await cli("scafold");
    expect(unknown.code).toBe(2);
    expect(unknown.err).toMatch(/^unknown command scafold\n\nusage: pulumi-scalekit <command>/);
    expect(await cli("health", "--tenant", "x.yaml")).toEqual({ code: 2, out: "", err: `unknown option --tenant\n${HEALTH_USAGE}` });
    expect(await cli("portal-link")).toEqual({ code: 2, out: "", err: `expected one tenant key, got 0\n${PORTAL_LINK_USAGE}` });
  });

  test("--version is the package's", async () => {
    expect(await cli("--version")).toEqual({ code: 0, out: PACKAGE.version, err: "" });
  });
});

describe("the package's bin", () => {
  test("package.json names the built entry, which starts as a script", () => {
    expect(PACKAGE.bin).toEqual({ "pulumi-scalekit": "dist/provider/cli/main.js" });
    expect(readFileSync(path.join(PACKAGE_ROOT, PACKAGE.bin["pulumi-scalekit"]), "utf8").split("\n")[0]).toBe("#!/usr/bin/env node");
    expect(PACKAGE.files).toContain("dist/provider");
  });

  test("runs as a process: --help, and a command's exit code", async () => {
    const run = (...argv: string[]) =>
      new Promise<{ code: number; stdout: string; stderr: string }>((resolve) =>
        execFile(process.execPath, [path.join(PACKAGE_ROOT, PACKAGE.bin["pulumi-scalekit"]), ...argv], { env: { PATH: process.env.PATH } }, (error, stdout, stderr) =>
          resolve({ code: error ? Number(error.code) : 0, stdout, stderr }),
        ),
      );
    expect(await run("--help")).toMatchObject({ code: 0, stdout: expect.stringContaining("portal-link  mint a fresh single-use admin portal link") });
    expect(await run("shards", "--check", "examples/gitops/shards.yaml")).toMatchObject({ code: 0, stdout: expect.stringContaining("3 shards, 5 tenants, valid together") });
  });

  test("pulumi-scalekit/cli exports the commands as functions", () => {
    // Through the package's own exports, as a user's program resolves it (the built files).
    const library = require("pulumi-scalekit/cli");
    for (const name of ["runCli", "runHealthCommand", "runPortalLinkCommand", "runScaffoldCommand", "runShardsCommand", "openScalekitSession", "githubMatrix", "operatorStacks"]) {
      expect(typeof library[name]).toBe("function");
    }
  });

  test("this repository's npm scripts run the same commands", () => {
    for (const command of COMMANDS) expect(PACKAGE.scripts[command.name]).toBe(`npm run -s build && node dist/scripts/commands/main.js ${command.name}`);
  });
});
