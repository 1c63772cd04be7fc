import { spawn, spawnSync, type ChildProcessWithoutNullStreams } from "node:child_process";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { builtEmulatorCommand } from "../helpers/built-emulator";

const root = join(__dirname, "..", "..");
let cli: string;
const children = new Set<ChildProcessWithoutNullStreams>();

function startCli(args: string[]): Promise<Record<string, string>> {
  const child = spawn(process.execPath, [cli, ...args], { cwd: root });
  children.add(child);
  return new Promise((resolve, reject) => {
    createInterface({ input: child.stdout }).once("line", (line) => resolve(JSON.parse(line)));
    child.once("exit", (code) => reject(new Error(`emulator CLI exited early with ${code}`)));
  });
}

beforeAll(() => {
  cli = builtEmulatorCommand();
}, 120_000);
afterAll(async () => {
  await Promise.all(
    [...children].map((child) => new Promise((resolve) => (child.exitCode !== null ? resolve(null) : (child.once("exit", resolve), child.kill())))),
  );
});

describe("emulator CLI --mcp-resource", () => {
  it("registers the resource and prints its id with the credentials", async () => {
    const info = await startCli(["--port", "0", "--mcp-resource", "http://127.0.0.1:3002/mcp", "--mcp-scopes", "notes:read, notes:write"]);
    expect(info.mcpResourceId).toMatch(/^res_\d{17}$/);
    const metadata = await (await fetch(`${info.url}/.well-known/oauth-authorization-server/resources/${info.mcpResourceId}`)).json();
    expect(metadata.scopes_supported).toEqual(["notes:read", "notes:write"]);
  });

  it("refuses --mcp-scopes without --mcp-resource", () => {
    const result = spawnSync(process.execPath, [cli, "--mcp-scopes", "notes:read"], { encoding: "utf8" });
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/--mcp-scopes needs --mcp-resource/);
  });
});
