import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { ScalekitClient } from "../../provider/api/client";
import { resolveClientSettings } from "../../provider/core/settings";
import { parseRunArguments } from "../../scripts/up/arguments";
import { startEmulatorProcess } from "../../scripts/up/emulator-process";
import { emulatorCommand } from "../../scripts/package-root";
import { gatherFacts } from "../../scripts/up/facts";
import { StandInStack } from "../../tools/engine-standin";
import { DEFAULTS, emulatorEnv, needsScalekit, planRun, PlanError, type RunFacts } from "../../scripts/up/plan";
import { PROJECT } from "../../stack/onboarding";

const ROOT = path.resolve(__dirname, "../..");
const PULUMI_PACKAGE = "/repo/node_modules/pulumi";
const EMULATOR_COMMAND = "/repo/emulator/dist/emulator/cli.js";
const SAMPLE = readFileSync(path.join(ROOT, "tenants.yaml"), "utf8");

const facts = (overrides: Partial<RunFacts> = {}): RunFacts => ({
  ...parseRunArguments(["up"]),
  repoRoot: "/repo",
  env: {},
  stackConfigKeys: [],
  tenantsFileText: SAMPLE,
  pulumiPackage: PULUMI_PACKAGE,
  emulatorCommand: EMULATOR_COMMAND,
  ...overrides,
});
const commandLines = (plan: ReturnType<typeof planRun>) => plan.steps.map((step) => step.args.join(" "));
const REAL = { SCALEKIT_ENVIRONMENT_URL: "https://acme.scalekit.dev", SCALEKIT_CLIENT_ID: "skc_1", SCALEKIT_CLIENT_SECRET: "secret" };

describe("command line", () => {
  it.each([
    [["up"], { command: "up", stack: "dev", passThrough: [] }],
    [["preview", "--stack", "prod", "--diff"], { command: "preview", stack: "prod", passThrough: ["--diff"] }],
    [["up", "--stack=staging", "--yes"], { command: "up", stack: "staging", passThrough: ["--yes"] }],
    [["pulumi", "stack", "output", "tenants", "--stack", "x"], { command: "pulumi", stack: "dev", passThrough: ["stack", "output", "tenants", "--stack", "x"] }],
  ])("%j", (argv, expected) => {
    expect(parseRunArguments(argv)).toEqual(expected);
  });

  it("refuses an unknown command", () => {
    expect(() => parseRunArguments(["apply"])).toThrow("expected one of up, preview, refresh, destroy, pulumi as the first argument");
  });
});

describe("the plan of `npm run up`", () => {
  it("with no Scalekit credentials: the emulator, a local file backend, the demo passphrase and demo secrets", () => {
    const plan = planRun(facts());
    expect(plan.target).toBe("emulator");
    expect(plan.emulator).toEqual({
      script: EMULATOR_COMMAND,
      args: ["--port", "8917", "--data", "/repo/.scalekit/emulator.db", "--seed", "1"],
      dataFile: "/repo/.scalekit/emulator.db",
      port: 8917,
    });
    expect(plan.env).toEqual({
      PULUMI_SKIP_UPDATE_CHECK: "true",
      PULUMI_BACKEND_URL: "file:///repo/.pulumi-state",
      PULUMI_CONFIG_PASSPHRASE: DEFAULTS.passphrase,
      GLOBEX_ENTRA_CLIENT_SECRET: DEFAULTS.demoSecret,
    });
    expect(plan.directories).toEqual(["/repo/.pulumi-state", "/repo/.scalekit"]);
    expect(plan.pulumiPackage).toBe(PULUMI_PACKAGE);
    expect(commandLines(plan)).toEqual(["stack select --create dev", "up --stack dev"]);
    expect(plan.notes.join("\n")).toMatch(/local emulator stands in[\s\S]*local demo passphrase[\s\S]*Demo value for GLOBEX_ENTRA_CLIENT_SECRET/);
  });

  it("with credentials in the environment: Scalekit itself, no emulator, no demo secrets", () => {
    const plan = planRun(facts({ env: { ...REAL, PULUMI_CONFIG_PASSPHRASE: "mine" } }));
    expect(plan.target).toBe("scalekit");
    expect(plan.emulator).toBeUndefined();
    expect(plan.env).toEqual({ PULUMI_SKIP_UPDATE_CHECK: "true", PULUMI_BACKEND_URL: "file:///repo/.pulumi-state" });
    expect(plan.notes[0]).toBe("Scalekit: the environment configured in SCALEKIT_* variables");
  });

  it("with credentials in the stack's config", () => {
    const plan = planRun(facts({ stackConfigKeys: ["scalekit:environmentUrl", "scalekit:clientId", "scalekit:clientSecret"] }));
    expect(plan.target).toBe("scalekit");
    expect(plan.notes[0]).toBe("Scalekit: the environment configured in Pulumi.dev.yaml");
  });

  it("refuses incomplete credentials rather than guessing", () => {
    expect(() => planRun(facts({ env: { SCALEKIT_ENVIRONMENT_URL: "https://acme.scalekit.dev" }, stackConfigKeys: ["scalekit:clientId"] }))).toThrow(
      new PlanError("Scalekit credentials are incomplete: missing scalekit:clientSecret (or SCALEKIT_CLIENT_SECRET). Set all three, or none to use the local emulator."),
    );
  });

  it("keeps the user's own backend, passphrase and secret values", () => {
    const plan = planRun(facts({ env: { PULUMI_BACKEND_URL: "https://api.pulumi.com", GLOBEX_ENTRA_CLIENT_SECRET: "real" } }));
    expect(plan.env).toEqual({ PULUMI_SKIP_UPDATE_CHECK: "true" });
    expect(plan.directories).toEqual(["/repo/.scalekit"]);
  });

  it("takes the emulator's port and data file from the environment", () => {
    const plan = planRun(facts({ env: { SCALEKIT_EMULATOR_PORT: "0", SCALEKIT_EMULATOR_DATA: "/tmp/x/env.db" } }));
    expect(plan.emulator).toMatchObject({ port: 0, dataFile: "/tmp/x/env.db", args: ["--port", "0", "--data", "/tmp/x/env.db", "--seed", "1"] });
    expect(() => planRun(facts({ env: { SCALEKIT_EMULATOR_PORT: "http" } }))).toThrow(PlanError);
  });

  it.each([
    ["preview", "emulator", ["stack select --create prod", "preview --stack prod --diff"]],
    ["destroy", "emulator", ["stack select prod", "state unprotect --all --yes --stack prod", "destroy --stack prod --diff"]],
    ["destroy", "scalekit", ["stack select prod", "destroy --stack prod --diff"]],
  ])("%s against %s", (command, target, expected) => {
    const plan = planRun(facts({ ...parseRunArguments([command, "--stack", "prod", "--diff"]), env: target === "scalekit" ? REAL : {} }));
    expect(commandLines(plan)).toEqual(expected);
  });

  it("runs any Pulumi command in the same setup", () => {
    expect(commandLines(planRun(facts(parseRunArguments(["pulumi", "stack", "output", "tenants", "--show-secrets"]))))).toEqual(["stack output tenants --show-secrets"]);
  });

  it.each([
    [["pulumi", "stack", "output", "tenants"], false],
    [["pulumi", "config", "set", "scalekit-onboarding:tenantsFile", "prod.yaml"], false],
    [["pulumi", "stack", "ls"], false],
    [["pulumi", "--color", "never", "preview"], true],
    [["pulumi", "refresh", "--yes"], true],
    [["pulumi", "up"], true],
    [["destroy"], true],
  ])("`npm run %j` starts the emulator only when the command needs Scalekit: %s", (argv, expected) => {
    const plan = planRun(facts(parseRunArguments(argv)));
    expect(needsScalekit(parseRunArguments(argv))).toBe(expected);
    expect(plan.emulator !== undefined).toBe(expected);
    expect("GLOBEX_ENTRA_CLIENT_SECRET" in plan.env).toBe(expected);
  });

  it("needs the pulumi package", () => {
    expect(() => planRun(facts({ pulumiPackage: undefined }))).toThrow("the `pulumi` npm package is not installed; run `npm install` first");
  });

  it("needs the emulator package when the emulator stands in, and only then", () => {
    expect(() => planRun(facts({ emulatorCommand: undefined }))).toThrow("the emulator package `pulumi-scalekit-emulator` (a workspace of this repository) is not installed; run `npm ci` first");
    expect(planRun(facts({ emulatorCommand: undefined, env: REAL })).target).toBe("scalekit");
  });
});

describe("facts from the repository", () => {
  let repo: string;
  beforeEach(() => {
    repo = mkdtempSync(path.join(tmpdir(), "up-facts-"));
  });
  afterEach(() => rmSync(repo, { recursive: true, force: true }));

  it("reads the stack's config keys and the tenants file it names", () => {
    writeFileSync(
      path.join(repo, "Pulumi.prod.yaml"),
      "config:\n  scalekit:environmentUrl: https://acme.scalekit.com\n  scalekit:clientSecret:\n    secure: AAABAMx\n  scalekit-onboarding:tenantsFile: prod.yaml\n",
    );
    writeFileSync(path.join(repo, "prod.yaml"), "tenants: []\n");
    const gathered = gatherFacts(parseRunArguments(["up", "--stack", "prod"]), repo, {});
    expect(gathered.stackConfigKeys).toEqual(["scalekit:environmentUrl", "scalekit:clientSecret", "scalekit-onboarding:tenantsFile"]);
    expect(gathered.tenantsFileText).toBe("tenants: []\n");
  });

  it("finds the pulumi package and the emulator's command of this repository", () => {
    expect(gatherFacts(parseRunArguments(["up"]), ROOT, {}).pulumiPackage).toBe(path.join(ROOT, "node_modules/pulumi"));
    expect(gatherFacts(parseRunArguments(["up"]), ROOT, {}).emulatorCommand).toBe(path.join(ROOT, "emulator/dist/emulator/cli.js"));
    expect(gatherFacts(parseRunArguments(["up"]), repo, {}).tenantsFileText).toBeUndefined();
  });
});

describe("the emulator the plan asks for", () => {
  let scratch: string;
  beforeAll(() => {
    scratch = mkdtempSync(path.join(tmpdir(), "up-emulator-"));
  });
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));

  it("starts from the built CLI, and its environment lets the sample onboard through the provider host", async () => {
    const dataFile = path.join(scratch, ".scalekit", "emulator.db");
    const plan = planRun(facts({ repoRoot: ROOT, emulatorCommand: emulatorCommand(), env: { SCALEKIT_EMULATOR_PORT: "0", SCALEKIT_EMULATOR_DATA: dataFile } }));
    mkdirSync(path.dirname(dataFile), { recursive: true });

    const first = await startEmulatorProcess(plan.emulator!);
    try {
      // As under `pulumi up`: the program and the provider host see the plan's environment; the
      // stack has no Scalekit config at all, so the provider must find the SCALEKIT_* variables.
      const env = { ...plan.env, ...emulatorEnv(first) };
      const stack = StandInStack.open({ projectDir: ROOT, env, stateFile: path.join(scratch, "state.json") });
      const report = await stack.up();
      expect(report.errors).toEqual([]);
      expect(report.plan.filter((step) => step.type.startsWith("pulumi-nodejs:dynamic/")).map((step) => step.op)).toEqual(Array(10).fill("create"));
    } finally {
      await first.stop();
    }
    expect(existsSync(dataFile)).toBe(true);

    const second = await startEmulatorProcess(plan.emulator!);
    try {
      expect(second.clientId).toBe(first.clientId);
      const client = new ScalekitClient(resolveClientSettings(() => undefined, emulatorEnv(second)));
      try {
        const { organizations } = await client.organizations.listPage({ pageSize: 100 });
        expect(organizations.map((organization) => organization.external_id).sort()).toEqual(["acme-123", "globex", "initech"]);
      } finally {
        await client.close();
      }
    } finally {
      await second.stop();
    }
  });

  it("says so when its port is taken", async () => {
    const plan = planRun(facts({ repoRoot: ROOT, emulatorCommand: emulatorCommand(), env: { SCALEKIT_EMULATOR_PORT: "0", SCALEKIT_EMULATOR_DATA: path.join(scratch, "a.db") } }));
    const holder = await startEmulatorProcess(plan.emulator!);
    try {
      const port = new URL(holder.url).port;
      const clash = planRun(facts({ repoRoot: ROOT, emulatorCommand: emulatorCommand(), env: { SCALEKIT_EMULATOR_PORT: port, SCALEKIT_EMULATOR_DATA: path.join(scratch, "b.db") } }));
      await expect(startEmulatorProcess(clash.emulator!)).rejects.toThrow(`Port ${port} is in use`);
    } finally {
      await holder.stop();
    }
  });
});

describe("the MCP server README's reference to the onboarding stack", () => {
  it("names the backend, stack and passphrase that `npm run up` gives the onboarding stack", () => {
    const readme = readFileSync(path.join(ROOT, "examples/mcp-server/README.md"), "utf8");
    const plan = planRun(facts({ repoRoot: "$(git rev-parse --show-toplevel)" }));
    const stack = parseRunArguments(["up"]).stack;
    expect(readme).toContain(`export PULUMI_BACKEND_URL="${plan.env.PULUMI_BACKEND_URL}"`);
    expect(readme).toContain(`export PULUMI_CONFIG_PASSPHRASE=${DEFAULTS.passphrase}`);
    expect(readme).toContain(`pulumi config set onboardingStack organization/${PROJECT}/${stack}`);
  });
});
