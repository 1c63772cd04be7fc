import { execFile } from "node:child_process";
import { accessSync, constants } from "node:fs";
import * as path from "node:path";

/** `pulumi` on PATH, as a shell would find it; undefined when there is none. */
export function findPulumiOnPath(env: NodeJS.ProcessEnv): string | undefined {
  const names = process.platform === "win32" ? ["pulumi.exe", "pulumi.cmd"] : ["pulumi"];
  for (const directory of (env.PATH ?? "").split(path.delimiter).filter(Boolean)) {
    for (const name of names) {
      const candidate = path.join(directory, name);
      try {
        accessSync(candidate, constants.X_OK);
        return candidate;
      } catch {
        // not here
      }
    }
  }
  return undefined;
}

/**
 * A stack's whole config, secrets decrypted, as the Pulumi CLI gives it: `pulumi config --show-secrets
 * --json --stack <stack>`, the call the Automation API makes for it (sdk/nodejs/automation/localWorkspace.ts
 * of pulumi/pulumi, LocalWorkspace.getAllConfig), answering `{ "<ns>:<key>": { value, secret } }`. It needs
 * what the CLI needs for that stack: its backend login, or PULUMI_CONFIG_PASSPHRASE for a passphrase one.
 */
export function readConfigWithPulumiCli(binary: string, options: { projectDir: string; stack: string; env: NodeJS.ProcessEnv }): Promise<Record<string, string>> {
  const args = ["config", "--show-secrets", "--json", "--stack", options.stack, "--non-interactive"];
  return new Promise((resolve, reject) => {
    execFile(binary, args, { cwd: options.projectDir, env: { ...options.env, PULUMI_SKIP_UPDATE_CHECK: "true" }, maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) => {
      if (error) {
        const reason = String(stderr).trim().split("\n").slice(-3).join(" ") || error.message;
        return reject(new Error(`\`pulumi config --show-secrets --json --stack ${options.stack}\` failed: ${reason}`));
      }
      try {
        const answer = JSON.parse(String(stdout)) as Record<string, { value?: unknown }>;
        const values: Record<string, string> = {};
        for (const [key, entry] of Object.entries(answer)) if (typeof entry?.value === "string") values[key] = entry.value;
        resolve(values);
      } catch {
        reject(new Error(`\`pulumi config --show-secrets --json --stack ${options.stack}\` did not answer JSON`));
      }
    });
  });
}
