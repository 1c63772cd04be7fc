import { spawn, type ChildProcess } from "node:child_process";
import * as path from "node:path";

/*
 * `npm run demo:sso` as a user runs it (from the build): it must print the whole sequence, the tool
 * result and the refusal after the disable, and exit 0 on its own, every server and process stopped.
 */
const ROOT = path.resolve(__dirname, "../..");
let child: ChildProcess | undefined;
afterEach(() => {
  if (child && child.exitCode === null && child.signalCode === null) child.kill();
});

function runDemo(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    child = spawn(process.execPath, [path.join(ROOT, "dist/scripts/demo-sso/main.js"), ...args], { cwd: ROOT, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout!.on("data", (chunk) => (stdout += chunk));
    child.stderr!.on("data", (chunk) => (stderr += chunk));
    child.once("error", reject);
    child.once("exit", (code) => resolve({ code, stdout, stderr }));
  });
}

it("registers the MCP server and provisions the tenant through the provider, runs the OIDC flow end to end and exits 0", async () => {
  const { code, stdout, stderr } = await runDemo([]);
  expect({ code, stderr }).toEqual({ code: 0, stderr: "" });
  const lines = stdout.split("\n");
  const index = (pattern: RegExp) => lines.findIndex((line) => pattern.test(line));
  const order = [
    /Pulumi → Scalekit\s+POST\s+\/api\/v1\/resources\s+201/,
    /Pulumi → Scalekit\s+POST\s+\/api\/v1\/organizations\s/,
    /MCP client → MCP server\s+POST\s+\/mcp\s+401/,
    /MCP client → Scalekit\s+POST\s+\/api\/v1\/resources\/res_…\d+\/clients:register\s+201/,
    /browser ⇢ Scalekit\s+POST\s+\/oauth\/authorize\/email\s+302\s+→ IdP \/auth/,
    /browser ⇢ Scalekit\s+GET\s+\/sso\/v1\/oidc\/conn_…\d+\/callback.*302\s+→ MCP client \/callback/,
    /Scalekit → IdP\s+POST\s+\/token\s+200/,
    /MCP client → Scalekit\s+POST\s+\/oauth\/token\s+200/,
    /MCP server → Scalekit\s+GET\s+\/keys\s+200/,
    /whoami: .*"organizationId":"org_\d+".*"email":"someone@acme.test"/,
    /the client got access_denied: the SSO connection of organization org_\d+ is disabled/,
  ].map(index);
  expect(order).not.toContain(-1);
  expect([...order].sort((a, b) => a - b)).toEqual(order);
});

it("refuses an unknown option with the usage and exit code 2", async () => {
  const { code, stderr } = await runDemo(["--protocol", "ldap"]);
  expect(code).toBe(2);
  expect(stderr).toMatch(/--protocol must be oidc or saml[\s\S]*usage: npm run demo:sso/);
});
