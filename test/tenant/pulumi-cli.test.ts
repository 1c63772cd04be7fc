import { spawn } from "node:child_process";
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { builtFile, PACKAGE_ROOT } from "../../scripts/package-root";
import { CliUnavailableError, FIRST_RUN_HINT, resolvePulumiCli } from "../../scripts/up/pulumi-cli";

/*
 * How `npm run up` gets and runs the Pulumi CLI, with a stand-in CLI installed where the `pulumi`
 * npm package looks for it (PULUMI_HOME/versions/<version>/bin/pulumi): it is spawned directly, so
 * Ctrl-C reaches it and the emulator stays up until it has exited; the "needs internet" hint appears
 * only when the download fails.
 */
const PULUMI_PACKAGE = path.join(PACKAGE_ROOT, "node_modules", "pulumi");
const VERSION: string = require(path.join(PULUMI_PACKAGE, "package.json")).version;

/** A fake `pulumi` binary: logs each run; `up` waits, and on SIGINT checks the emulator is still up, then exits 130. */
const FAKE_CLI = `#!${process.execPath}
const fs = require("fs");
const log = (entry) => fs.appendFileSync(process.env.FAKE_CLI_LOG, JSON.stringify(entry) + "\\n");
log({ args: process.argv.slice(2), path: process.env.PATH.split(":")[0] });
if (process.argv[2] === "stack" && process.env.FAKE_CLI_FAIL) process.exit(3);
if (process.argv[2] !== "up") process.exit(0);
process.on("SIGINT", async () => {
  await new Promise((resolve) => setTimeout(resolve, 300));
  let status;
  try { status = (await fetch(process.env.SCALEKIT_ENVIRONMENT_URL + "/keys")).status; } catch (error) { status = String(error.cause && error.cause.code || error); }
  log({ emulatorAfterInterrupt: status });
  process.exit(130);
});
log({ waiting: true });
setInterval(() => {}, 1000);
`;

let home: string;
let scratch: string;
beforeEach(() => {
  scratch = mkdtempSync(path.join(tmpdir(), "pulumi-cli-"));
  home = path.join(scratch, "pulumi-home");
});
afterEach(() => rmSync(scratch, { recursive: true, force: true }));

function installFakeCli(): string {
  const binary = path.join(home, "versions", VERSION, "bin", "pulumi");
  mkdirSync(path.dirname(binary), { recursive: true });
  writeFileSync(binary, FAKE_CLI);
  chmodSync(binary, 0o755);
  return binary;
}

describe("resolving the CLI", () => {
  const withHome = async <T>(run: () => Promise<T>): Promise<T> => {
    const saved = process.env.PULUMI_HOME;
    process.env.PULUMI_HOME = home;
    try {
      return await run();
    } finally {
      if (saved === undefined) delete process.env.PULUMI_HOME;
      else process.env.PULUMI_HOME = saved;
    }
  };

  test("an installed CLI is used as is: nothing downloaded", async () => {
    const binary = installFakeCli();
    const install = jest.fn(async () => {});
    expect(await withHome(() => resolvePulumiCli(PULUMI_PACKAGE, { install }))).toBe(binary);
    expect(install).not.toHaveBeenCalled();
  });

  test("a download that fails says the first run needs internet", async () => {
    const failure = withHome(() => resolvePulumiCli(PULUMI_PACKAGE, { install: async () => Promise.reject(new Error("fetch failed")) }));
    await expect(failure).rejects.toBeInstanceOf(CliUnavailableError);
    await expect(failure).rejects.toThrow(`the Pulumi CLI could not be installed: fetch failed\n${FIRST_RUN_HINT}`);
  });
});

describe("`npm run up` with the CLI installed", () => {
  function runUp(extraEnv: Record<string, string> = {}): { child: ReturnType<typeof spawn>; log: string; stderr: () => string; exited: Promise<number | null> } {
    installFakeCli();
    const log = path.join(scratch, "cli.log");
    writeFileSync(log, "");
    const child = spawn(process.execPath, [builtFile("scripts/up/main.js"), "up"], {
      cwd: PACKAGE_ROOT,
      detached: true,
      stdio: ["ignore", "ignore", "pipe"],
      env: {
        ...process.env,
        PULUMI_HOME: home,
        FAKE_CLI_LOG: log,
        PULUMI_BACKEND_URL: `file://${path.join(scratch, "state")}`,
        PULUMI_CONFIG_PASSPHRASE: "test",
        SCALEKIT_EMULATOR_PORT: "0",
        SCALEKIT_EMULATOR_DATA: path.join(scratch, "emulator.db"),
        ...extraEnv,
      },
    });
    let stderr = "";
    child.stderr!.on("data", (chunk) => (stderr += chunk));
    const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
    return { child, log, stderr: () => stderr, exited };
  }
  const entries = (log: string) => readFileSync(log, "utf8").trim().split("\n").filter(Boolean).map((line) => JSON.parse(line));

  test("Ctrl-C reaches the CLI, and the emulator is still there until the CLI has exited", async () => {
    const { child, log, exited } = runUp();
    const deadline = Date.now() + 20_000;
    while (!entries(log).some((entry) => entry.waiting)) {
      if (Date.now() > deadline) throw new Error(`the CLI never started: ${readFileSync(log, "utf8")}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    // What the terminal does on Ctrl-C: SIGINT to the whole foreground process group.
    process.kill(-child.pid!, "SIGINT");
    expect(await exited).toBe(130);
    const runs = entries(log);
    expect(runs.filter((entry) => entry.args).map((entry) => entry.args.join(" "))).toEqual(["stack select --create dev", "up --stack dev"]);
    expect(runs[0].path).toBe(path.join(home, "versions", VERSION, "bin"));
    expect(runs.find((entry) => "emulatorAfterInterrupt" in entry)).toEqual({ emulatorAfterInterrupt: 200 });
    expect(existsSync(path.join(scratch, "emulator.db"))).toBe(true);
  });

  test("a failing CLI step is not blamed on the download", async () => {
    const { exited, stderr } = runUp({ FAKE_CLI_FAIL: "1" });
    expect(await exited).toBe(3);
    expect(stderr()).not.toContain("needs internet");
  });
});
