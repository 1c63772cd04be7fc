import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import type { CommandIo, LocalEnvironment } from "../../provider/cli/command-io";
import { openScalekitSession } from "../../provider/cli/credentials/open-session";
import { findProjectDir } from "../../provider/cli/credentials/project-dir";
import { SAMPLE_LAYOUT } from "../shards/layouts";

/*
 * Where a command's Scalekit credentials come from: a named stack's config file, its encrypted values
 * through the Pulumi CLI (a stand-in `pulumi` here: none can be installed on this machine), the
 * SCALEKIT_* variables, or the local environment the caller offers.
 */
const URL_ = "https://acme-prod.scalekit.com";
const SECRET = "test_the-real-client-secret";
const CIPHERTEXT = "v1:AAAABBBBccccDDDD:ciphertext-of-the-secret";

let project: string;
let bin: string;
beforeEach(() => {
  project = mkdtempSync(path.join(tmpdir(), "command-credentials-"));
  bin = path.join(project, "bin");
  mkdirSync(bin);
  writeFileSync(path.join(project, "Pulumi.yaml"), "name: scalekit-onboarding\nruntime: nodejs\n");
});
afterEach(() => rmSync(project, { recursive: true, force: true }));

function io(env: NodeJS.ProcessEnv = {}, extra: Partial<CommandIo> = {}): CommandIo {
  return { cwd: project, env, out: () => {}, err: () => {}, findPulumiCli: async () => undefined, ...extra };
}

const stackFile = (name: string, secret: string) =>
  writeFileSync(path.join(project, `Pulumi.${name}.yaml`), `config:\n  scalekit:environmentUrl: ${URL_}\n  scalekit:clientId: skc_prod\n  scalekit:clientSecret:\n    ${secret}\n  scalekit:requestsPerMinute: 300\n`);

/** A stand-in `pulumi` that logs how it was run and answers `config --json` as the CLI does (or fails). */
function standInCli(answer: { stdout?: string; stderr?: string; code?: number }): { binary: string; log: string } {
  const log = path.join(project, "cli.log");
  const binary = path.join(bin, "pulumi");
  writeFileSync(
    binary,
    `#!${process.execPath}
require("fs").writeFileSync(${JSON.stringify(log)}, JSON.stringify({ args: process.argv.slice(2), cwd: process.cwd(), passphrase: process.env.PULUMI_CONFIG_PASSPHRASE }));
process.stdout.write(${JSON.stringify(answer.stdout ?? "")});
process.stderr.write(${JSON.stringify(answer.stderr ?? "")});
process.exit(${answer.code ?? 0});
`,
  );
  chmodSync(binary, 0o755);
  return { binary, log };
}

const CLI_ANSWER = JSON.stringify({
  "scalekit:clientId": { value: "skc_prod", secret: false },
  "scalekit:clientSecret": { value: SECRET, secret: true },
  "scalekit:environmentUrl": { value: URL_, secret: false },
  "scalekit:requestsPerMinute": { value: "300", secret: false },
  "scalekit-onboarding:tenantsFile": { value: "tenants/a-h.yaml", secret: false },
});

describe("--stack", () => {
  test("plain values of Pulumi.<stack>.yaml, named after the stack's own name, before SCALEKIT_*", async () => {
    stackFile("prod", `${SECRET}`);
    const session = await openScalekitSession({ projectDir: project, stack: "acme-saas/scalekit-onboarding/prod" }, io({ SCALEKIT_ENVIRONMENT_URL: "https://other.scalekit.dev" }));
    expect(session.settings).toEqual({ environmentUrl: URL_, clientId: "skc_prod", clientSecret: SECRET, requestsPerMinute: 300 });
    expect(session.source).toBe("Pulumi.prod.yaml");
  });

  test("the project's stackConfigDir", async () => {
    writeFileSync(path.join(project, "Pulumi.yaml"), "name: scalekit-onboarding\nruntime: nodejs\nstackConfigDir: config\n");
    mkdirSync(path.join(project, "config"));
    writeFileSync(path.join(project, "config", "Pulumi.prod.yaml"), `config:\n  scalekit:environmentUrl: ${URL_}\n  scalekit:clientId: skc_prod\n  scalekit:clientSecret: ${SECRET}\n`);
    const session = await openScalekitSession({ projectDir: project, stack: "prod" }, io());
    expect(session.source).toBe(path.join("config", "Pulumi.prod.yaml"));
    expect(session.settings.clientSecret).toBe(SECRET);
  });

  test("an encrypted value without the Pulumi CLI: refused, saying why and what to do, with no value in the message", async () => {
    stackFile("prod", `secure: ${CIPHERTEXT}`);
    const refused = await openScalekitSession({ projectDir: project, stack: "prod" }, io()).catch((error: Error) => error.message);
    expect(refused).toBe(
      "scalekit:clientSecret is encrypted in Pulumi.prod.yaml (secure:), and only the Pulumi CLI can decrypt it; no `pulumi` was found on PATH. " +
        "Install the Pulumi CLI, or set SCALEKIT_CLIENT_SECRET.",
    );
    expect(refused).not.toContain(CIPHERTEXT);
  });

  test("an encrypted value without the Pulumi CLI: SCALEKIT_CLIENT_SECRET stands in, and the source says so", async () => {
    stackFile("prod", `secure: ${CIPHERTEXT}`);
    const session = await openScalekitSession({ projectDir: project, stack: "prod" }, io({ SCALEKIT_CLIENT_SECRET: SECRET }));
    expect(session.settings).toMatchObject({ environmentUrl: URL_, clientId: "skc_prod", clientSecret: SECRET });
    expect(session.source).toBe("Pulumi.prod.yaml, with SCALEKIT_CLIENT_SECRET from the environment");
  });

  test("an encrypted value with the Pulumi CLI on PATH: `pulumi config --show-secrets --json --stack <stack>` in the project, with the environment's passphrase", async () => {
    stackFile("prod", `secure: ${CIPHERTEXT}`);
    const cli = standInCli({ stdout: CLI_ANSWER });
    const { findPulumiCli: _none, ...defaults } = io({ PATH: bin, PULUMI_CONFIG_PASSPHRASE: "the-passphrase" });
    const session = await openScalekitSession({ projectDir: project, stack: "acme-saas/scalekit-onboarding/prod" }, defaults);
    expect(session.settings).toEqual({ environmentUrl: URL_, clientId: "skc_prod", clientSecret: SECRET, requestsPerMinute: 300 });
    expect(session.source).toBe("the config of stack acme-saas/scalekit-onboarding/prod, read with the Pulumi CLI");
    expect(JSON.parse(readFileSync(cli.log, "utf8"))).toEqual({
      args: ["config", "--show-secrets", "--json", "--stack", "acme-saas/scalekit-onboarding/prod", "--non-interactive"],
      cwd: project,
      passphrase: "the-passphrase",
    });
  });

  test("a key the file leaves out but the environment has: no call to the CLI", async () => {
    writeFileSync(path.join(project, "Pulumi.prod.yaml"), `config:\n  scalekit:environmentUrl: ${URL_}\n  scalekit:clientId: skc_prod\n`);
    const cli = standInCli({ stderr: "error: not logged in", code: 255 });
    const session = await openScalekitSession({ projectDir: project, stack: "prod" }, io({ SCALEKIT_CLIENT_SECRET: SECRET }, { findPulumiCli: async () => cli.binary }));
    expect(session.settings.clientSecret).toBe(SECRET);
    expect(session.source).toBe("Pulumi.prod.yaml, with SCALEKIT_CLIENT_SECRET from the environment");
    expect(existsSync(cli.log)).toBe(false);
  });

  test("the CLI's own error is passed on (e.g. a wrong passphrase)", async () => {
    stackFile("prod", `secure: ${CIPHERTEXT}`);
    const cli = standInCli({ stderr: "error: constructing secrets manager of type \"passphrase\": incorrect passphrase\n", code: 255 });
    await expect(openScalekitSession({ projectDir: project, stack: "prod" }, io({}, { findPulumiCli: async () => cli.binary }))).rejects.toThrow(
      '`pulumi config --show-secrets --json --stack prod` failed: error: constructing secrets manager of type "passphrase": incorrect passphrase',
    );
  });

  test("a stack without a config file: SCALEKIT_* only, and an error that says the file is missing", async () => {
    await expect(openScalekitSession({ projectDir: project, stack: "dev" }, io())).rejects.toThrow(
      `missing scalekit:environmentUrl (or SCALEKIT_ENVIRONMENT_URL), scalekit:clientId (or SCALEKIT_CLIENT_ID), scalekit:clientSecret (or SCALEKIT_CLIENT_SECRET).`,
    );
    await expect(openScalekitSession({ projectDir: project, stack: "dev" }, io())).rejects.toThrow(`(Read: stack dev (no Pulumi.dev.yaml in ${project}).)`);
  });
});

describe("without --stack", () => {
  const local = (): LocalEnvironment & { started: number } => {
    const environment = {
      started: 0,
      async start() {
        environment.started++;
        return { settings: { environmentUrl: "http://127.0.0.1:8917", clientId: "skc_local", clientSecret: "local" }, source: "the local emulator", close: async () => {} };
      },
    };
    return environment;
  };

  test("the SCALEKIT_* variables, the local environment left alone", async () => {
    const localEnvironment = local();
    const session = await openScalekitSession(
      { projectDir: project },
      io({ SCALEKIT_ENVIRONMENT_URL: URL_, SCALEKIT_CLIENT_ID: "skc_prod", SCALEKIT_CLIENT_SECRET: SECRET }, { localEnvironment }),
    );
    expect(session).toMatchObject({ settings: { environmentUrl: URL_, clientId: "skc_prod", clientSecret: SECRET }, source: "the SCALEKIT_* environment variables" });
    expect(localEnvironment.started).toBe(0);
  });

  test("some SCALEKIT_* variables but not all: refused, naming the missing ones, never falling back to the local environment", async () => {
    const localEnvironment = local();
    await expect(openScalekitSession({ projectDir: project }, io({ SCALEKIT_CLIENT_ID: "skc_prod" }, { localEnvironment }))).rejects.toThrow(
      /^Scalekit credentials are not configured: missing scalekit:environmentUrl \(or SCALEKIT_ENVIRONMENT_URL\), scalekit:clientSecret \(or SCALEKIT_CLIENT_SECRET\)\./,
    );
    expect(localEnvironment.started).toBe(0);
  });

  test("none at all: the local environment when one is offered, else an error that names --stack", async () => {
    const localEnvironment = local();
    expect((await openScalekitSession({ projectDir: project }, io({}, { localEnvironment }))).source).toBe("the local emulator");
    expect(localEnvironment.started).toBe(1);
    await expect(openScalekitSession({ projectDir: project }, io())).rejects.toThrow(/ Or name a stack whose config has them: --stack <stack>\.$/);
  });
});

describe("the project a command works on", () => {
  test("the nearest folder holding Pulumi.yaml or shards.yaml, else where the command runs", () => {
    mkdirSync(path.join(project, "tenants", "eu"), { recursive: true });
    expect(findProjectDir(path.join(project, "tenants", "eu"))).toBe(project);
    expect(findProjectDir(path.join(SAMPLE_LAYOUT, "tenants"))).toBe(SAMPLE_LAYOUT);
    const loose = mkdtempSync(path.join(tmpdir(), "no-project-"));
    try {
      expect(findProjectDir(loose)).toBe(loose);
    } finally {
      rmSync(loose, { recursive: true, force: true });
    }
  });
});
