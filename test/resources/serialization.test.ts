import { execFile } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { promisify } from "node:util";
import { selfSignedCertificate } from "../helpers/certificates";
import { clientFor, useEmulator } from "../helpers/emulator";
import { serializedProvider } from "../helpers/serialized-provider";

const run = promisify(execFile);
const ROOT = path.resolve(__dirname, "../..");
const env = useEmulator();

/** Runs serialized-lifecycle.js on the scenario in a fresh node process; its scratch folder is removed after. */
async function lifecycleInFreshProcess(scenario: object): Promise<any> {
  const folder = mkdtempSync(path.join(tmpdir(), "serialized-"));
  try {
    const file = path.join(folder, "scenario.json");
    writeFileSync(file, JSON.stringify(scenario));
    const { stdout } = await run(process.execPath, [path.join(__dirname, "../helpers/serialized-lifecycle.js"), file], { cwd: ROOT });
    return JSON.parse(stdout);
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

/** A lifecycle per kind: inputs, then an in-place change. */
async function scenarios(organizationId: string): Promise<Record<string, { inputs: object; updatedInputs: object; expectChange: string }>> {
  const { cert } = await selfSignedCertificate();
  const saml = { entityId: "http://www.okta.com/exk9", ssoUrl: "https://serialized.okta.com/sso", certificate: cert };
  return {
    Organization: { inputs: { displayName: "Serialized" }, updatedInputs: { displayName: "Serialized Inc" }, expectChange: "displayName" },
    Domain: {
      inputs: { organizationId, domain: "serialized.example" },
      updatedInputs: { organizationId, domain: "serialized.example" },
      expectChange: "",
    },
    SSOConnection: {
      inputs: { organizationId, provider: "OKTA", saml },
      updatedInputs: { organizationId, provider: "OKTA", saml, attributeMapping: { email: "user.email" } },
      expectChange: "attributeMapping",
    },
    AdminPortalLink: { inputs: { organizationId }, updatedInputs: { organizationId, regenerateWhenExpired: true }, expectChange: "regenerateWhenExpired" },
  };
}

describe("serialized providers, loaded the way the dynamic-provider host loads them", () => {
  let organizationId: string;
  let cases: Awaited<ReturnType<typeof scenarios>>;
  beforeAll(async () => {
    const client = clientFor(env.emulator);
    organizationId = (await client.organizations.create({ display_name: "Serialization parent" })).id;
    await client.organizations.updateSettings(organizationId, [{ name: "sso", enabled: true }]);
    await client.close();
    cases = await scenarios(organizationId);
  });

  test.each(["Organization", "Domain", "SSOConnection", "AdminPortalLink"])("%s: small, no credential, no absolute path, full lifecycle in a fresh node process", async (kind) => {
    const providerText = await serializedProvider(kind);
    expect(providerText.length).toBeLessThanOrEqual(4096);
    expect(providerText).not.toContain(env.emulator.clientSecret);
    expect(providerText).not.toContain(env.emulator.clientId);
    expect(providerText).not.toContain(ROOT);
    expect(providerText).not.toMatch(/["'`]\/(home|root|work|tmp|usr)\//);

    const config = { "scalekit:environmentUrl": env.emulator.url, "scalekit:clientId": env.emulator.clientId, "scalekit:clientSecret": env.emulator.clientSecret };
    const result = await lifecycleInFreshProcess({ providerText, config, ...cases[kind] });

    expect(result.checked.failures).toEqual([]);
    expect(result.read.id).toBe(result.created.id);
    expect(result.diff.changes).toBe(cases[kind].expectChange !== "");
    if (cases[kind].expectChange) expect(result.updated.outs).toMatchObject({ [cases[kind].expectChange]: (cases[kind].updatedInputs as any)[cases[kind].expectChange] });
    if (kind === "AdminPortalLink") {
      // Links cannot be read back with API credentials; a revoked link no longer opens.
      expect((await fetch(result.updated.outs.location)).status).toBe(410);
    } else {
      expect(result.afterDelete.id).toBeUndefined();
    }
  });
});

describe("the shim, as a plain JavaScript program serializes it", () => {
  // What @pulumi/pulumi parses function text with when `typescript` cannot be resolved (typescript-shim.js).
  const sdk = path.dirname(require.resolve("@pulumi/pulumi/package.json"));
  const bundledTypescript = require(path.join(sdk, "vendor", "typescript@3.8.3", "typescript.js"));

  test.each(["Organization", "SSOConnection"])("%s: the serialized provider parses with the TypeScript 3.8.3 Pulumi falls back to", async (kind) => {
    expect(bundledTypescript.version).toBe("3.8.3");
    const source = bundledTypescript.createSourceFile("provider.js", await serializedProvider(kind), bundledTypescript.ScriptTarget.Latest, false, bundledTypescript.ScriptKind.JS);
    expect(source.parseDiagnostics.map((diagnostic: { messageText: string }) => diagnostic.messageText)).toEqual([]);
  });

  test("the runtime is resolved once per host process, not on every call; checks and diffs load no HTTP client", async () => {
    const folder = mkdtempSync(path.join(tmpdir(), "serialized-"));
    try {
      const file = path.join(folder, "provider.js");
      writeFileSync(file, await serializedProvider("Organization"));
      const { stdout } = await run(process.execPath, [path.join(__dirname, "../helpers/serialized-runtime-loads.js"), file, "5"], { cwd: ROOT });
      expect(JSON.parse(stdout)).toEqual({ loads: 1, httpClientLoaded: false });
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });
});
