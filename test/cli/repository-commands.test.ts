import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { startEmulator } from "../../emulator";
import { ScalekitClient } from "../../provider/api/client";
import { repositoryEmulator } from "../../scripts/commands/local-emulator";
import { builtFile, PACKAGE_ROOT } from "../../scripts/package-root";
import { StandInStack } from "../../tools/engine-standin";

/*
 * This repository's `npm run portal-link | health` on a fresh clone: no credentials configured, so the
 * command starts the local emulator `npm run up` uses (its data file, SCALEKIT_EMULATOR_DATA here) and
 * stops it afterwards. The onboarding is the root stack's `up` through the engine stand-in, against an
 * emulator on that same data file, as `npm run up` leaves it.
 */
let scratch: string;
let dataFile: string;

beforeAll(async () => {
  scratch = mkdtempSync(path.join(tmpdir(), "repository-commands-"));
  dataFile = path.join(scratch, "emulator.db");
  const emulator = await startEmulator({ dataFile, seed: 1 });
  try {
    const stack = StandInStack.open({
      projectDir: PACKAGE_ROOT,
      stack: "dev",
      stateFile: path.join(scratch, "dev.json"),
      config: { "scalekit:environmentUrl": emulator.url, "scalekit:clientId": emulator.clientId, "scalekit:clientSecret": { secret: emulator.clientSecret } },
      env: { GLOBEX_ENTRA_CLIENT_SECRET: "demo-value-for-the-local-emulator" },
    });
    const up = await stack.up();
    expect(up.errors).toEqual([]);
  } finally {
    await emulator.close();
  }
}, 120_000);
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

interface Running {
  /** Resolves with each stdout line as it comes. */
  line(index: number): Promise<string>;
  exit: Promise<{ code: number; stdout: string; stderr: string }>;
}

/** `npm run <command> -- …` as the npm script runs it, with no SCALEKIT_* variables. */
function npmScript(...argv: string[]): Running {
  const { SCALEKIT_ENVIRONMENT_URL: _url, SCALEKIT_CLIENT_ID: _id, SCALEKIT_CLIENT_SECRET: _secret, INIT_CWD: _typedIn, ...inherited } = process.env;
  const child = spawn(process.execPath, [builtFile("scripts/commands/main.js"), ...argv], {
    cwd: PACKAGE_ROOT,
    env: { ...inherited, SCALEKIT_EMULATOR_DATA: dataFile, SCALEKIT_EMULATOR_PORT: "0" },
  });
  let stdout = "";
  let stderr = "";
  let exited = false;
  const waiting: Array<() => void> = [];
  const wake = () => waiting.splice(0).forEach((resume) => resume());
  child.stdout.on("data", (chunk) => {
    stdout += chunk;
    wake();
  });
  child.stderr.on("data", (chunk) => (stderr += chunk));
  const exit = new Promise<{ code: number; stdout: string; stderr: string }>((resolve) =>
    child.once("close", (code) => {
      exited = true;
      wake();
      resolve({ code: code ?? -1, stdout, stderr });
    }),
  );
  return {
    exit,
    async line(index) {
      while (stdout.split("\n").length <= index + 1) {
        if (exited) throw new Error(`the command ended before printing line ${index + 1}:\n${stdout}${stderr}`);
        await new Promise<void>((resolve) => waiting.push(resolve));
      }
      return stdout.split("\n")[index];
    },
  };
}

test("npm run portal-link -- acme right after npm run up: the local emulator serves the link until it is opened, then stops", async () => {
  const running = npmScript("portal-link", "acme");
  expect(await running.line(0)).toMatch(/^Admin portal link for tenant acme \(Acme Corp, org_\w+\), features: sso$/);
  const location = await running.line(1);
  expect(location).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/magicLink\/[0-9a-f-]{36}$/);
  const page = await fetch(location);
  expect(page.status).toBe(200);
  expect(await page.text()).toContain("Acme Corp");

  const { code, stderr } = await running.exit;
  expect(code).toBe(0);
  expect(stderr).toContain("• Scalekit: no credentials configured, so the local emulator of `npm run up` stands in");
  expect(stderr).toContain("The link was opened; the local emulator stops.");
  // Stopped with the command: nothing listens there any more.
  await expect(fetch(location)).rejects.toThrow();
}, 120_000);

test("npm run health with no credentials reads the same local emulator: every tenant as `up` left it, healthy", async () => {
  const { code, stdout, stderr } = await npmScript("health", "--json").exit;
  expect(stderr).toContain("the local emulator of `npm run up` stands in");
  expect(stderr).toContain("all 3 tenants are healthy");
  const rows: Array<{ key: string; organizationId?: string; problems: unknown[] }> = JSON.parse(stdout);
  expect(rows.map((row) => [row.key, row.organizationId?.startsWith("org_"), row.problems])).toEqual([
    ["acme", true, []],
    ["globex", true, []],
    ["initech", true, []],
  ]);
  expect(code).toBe(0);
}, 120_000);

test("a link opened before the command starts watching for it still ends the wait", async () => {
  const messages: string[] = [];
  const session = await repositoryEmulator({ SCALEKIT_EMULATOR_DATA: dataFile, SCALEKIT_EMULATOR_PORT: "0" }).start({ err: (line) => messages.push(line) });
  const client = new ScalekitClient(session.settings);
  try {
    const acme = (await client.organizations.findByExternalId("acme-123"))!;
    const link = await client.portalLinks.generate(acme.id, ["sso"]);
    expect((await fetch(link.location)).status).toBe(200);
    await session.holdLink!({ location: link.location, expireTime: link.expire_time });
    expect(messages.slice(-1)).toEqual(["The link was opened; the local emulator stops."]);
  } finally {
    await client.close();
    await session.close();
  }
}, 120_000);
