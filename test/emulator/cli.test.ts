import { spawn, spawnSync, type ChildProcessWithoutNullStreams } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { builtEmulatorCommand } from "../helpers/built-emulator";
import { fetchToken, send } from "./support";

const root = join(__dirname, "..", "..");
let cli: string;

interface Running {
  child: ChildProcessWithoutNullStreams;
  info: { url: string; clientId: string; clientSecret: string };
  stdoutLines: string[];
}

const running = new Set<ChildProcessWithoutNullStreams>();

/** Starts the built CLI and resolves with the JSON line it prints once it accepts requests. */
function startCli(args: string[]): Promise<Running> {
  const child = spawn(process.execPath, [cli, ...args], { cwd: root });
  running.add(child);
  const stdoutLines: string[] = [];
  return new Promise((resolve, reject) => {
    const lines = createInterface({ input: child.stdout });
    lines.on("line", (line) => {
      stdoutLines.push(line);
      if (stdoutLines.length === 1) resolve({ child, info: JSON.parse(line), stdoutLines });
    });
    child.once("exit", (code) => reject(new Error(`emulator CLI exited early with ${code}`)));
  });
}

function stop(child: ChildProcessWithoutNullStreams, signal: NodeJS.Signals = "SIGTERM"): Promise<number | null> {
  return new Promise((resolve) => {
    if (child.exitCode !== null) return resolve(child.exitCode);
    child.once("exit", (code) => {
      running.delete(child);
      resolve(code);
    });
    child.kill(signal);
  });
}

let dir: string;
beforeAll(() => {
  cli = builtEmulatorCommand();
  dir = mkdtempSync(join(tmpdir(), "scalekit-cli-"));
}, 120_000);
afterAll(async () => {
  await Promise.all([...running].map((child) => stop(child, "SIGKILL")));
  rmSync(dir, { recursive: true, force: true });
});

describe("emulator CLI", () => {
  it("prints exactly one JSON line, serves requests, and exits cleanly on SIGTERM", async () => {
    const { child, info, stdoutLines } = await startCli(["--port", "0", "--seed", "1"]);
    expect(Object.keys(info).sort()).toEqual(["clientId", "clientSecret", "url"]);
    expect(info.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const token = await fetchToken(info);
    const res = await send(info.url, "POST", "/api/v1/organizations", { display_name: "From CLI" }, { authorization: `Bearer ${token}` });
    expect(res.status).toBe(201);
    expect(await stop(child)).toBe(0);
    expect(stdoutLines).toHaveLength(1);
  });

  it("gives the same ids for a seed but never the same secret, and honours --client-id/--client-secret", async () => {
    const a = await startCli(["--port", "0", "--seed", "1"]);
    const b = await startCli(["--port", "0", "--seed", "1", "--client-id", "skc_cli", "--client-secret", "cli-secret"]);
    expect(b.info).toMatchObject({ clientId: "skc_cli", clientSecret: "cli-secret" });
    const again = await startCli(["--port", "0", "--seed", "1"]);
    expect(again.info.clientId).toBe(a.info.clientId);
    expect(again.info.clientSecret).not.toBe(a.info.clientSecret);
    await Promise.all([stop(a.child, "SIGINT"), stop(b.child), stop(again.child)]);
  });

  it("keeps data across restarts with --data", async () => {
    const dataFile = join(dir, "cli.db");
    const first = await startCli(["--port", "0", "--data", dataFile]);
    const token = await fetchToken(first.info);
    const created = await send(first.info.url, "POST", "/api/v1/organizations", { display_name: "Persisted", external_id: "cli-ext" }, { authorization: `Bearer ${token}` });
    expect(created.status).toBe(201);
    expect(await stop(first.child)).toBe(0);

    const second = await startCli(["--port", "0", "--data", dataFile]);
    expect([second.info.clientId, second.info.clientSecret]).toEqual([first.info.clientId, first.info.clientSecret]);
    const read = await send(second.info.url, "GET", "/api/v1/organizations:external/cli-ext", undefined, {
      authorization: `Bearer ${await fetchToken(second.info)}`,
    });
    expect(read.status).toBe(200);
    expect(read.json.organization.id).toBe(created.json.organization.id);
    expect(await stop(second.child)).toBe(0);
  });

  it("refuses unknown options and values with exit code 2", () => {
    for (const args of [["--bogus"], ["--domain-verification", "email"]]) {
      const result = spawnSync(process.execPath, [cli, ...args], { encoding: "utf8" });
      expect(result.status).toBe(2);
      expect(result.stdout).toBe("");
      expect(result.stderr).toMatch(/usage/);
    }
  });

  it("starts domains pending DNS verification with --domain-verification dns", async () => {
    const running = await startCli(["--port", "0", "--domain-verification", "dns"]);
    const auth = { authorization: `Bearer ${await fetchToken(running.info)}` };
    const org = (await send(running.info.url, "POST", "/api/v1/organizations", { display_name: "Dns Cli" }, auth)).json.organization.id;
    const domain = (await send(running.info.url, "POST", `/api/v1/organizations/${org}/domains`, { domain: "dns-cli.example" }, auth)).json.domain;
    expect(domain).toMatchObject({ verification_status: "PENDING", verification_method: "DNS", txt_record_key: "scalekit-domain-verification" });
    expect(await stop(running.child)).toBe(0);
  });
});
