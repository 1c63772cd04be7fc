import { readFileSync } from "node:fs";
import * as path from "node:path";
import { changes, isSecretEnvelope, nameOf, StandInStack, UNKNOWN, type OperationReport, type ProviderCall } from "../../tools/engine-standin";
import { selfSignedCertificate } from "../helpers/certificates";
import { calls, clientFor, useEmulator } from "../helpers/emulator";
import { IdpDocumentServer, samlIdpMetadata } from "../helpers/idp-documents";
import { useStateFolder } from "../helpers/state-folder";

/*
 * Each rule of the engine stand-in (tools/engine-standin/README.md), shown on the Scalekit resources
 * against the emulator, with a fixture program that registers what its config declares.
 */
const FIXTURE = path.join(__dirname, "../fixtures/programs/declared");
const env = useEmulator();
const states = useStateFolder();

interface Declared {
  kind: "Organization" | "Domain" | "SSOConnection" | "AdminPortalLink";
  name: string;
  args: Record<string, unknown>;
  options?: { protect?: boolean; retainOnDelete?: boolean; deleteBeforeReplace?: boolean; ignoreChanges?: string[]; dependsOn?: string[] };
}

let stacks = 0;
function openStack(resources: Declared[], exports: Record<string, string[]> = {}): StandInStack {
  const stack = StandInStack.open({
    projectDir: FIXTURE,
    stack: `rules-${++stacks}`,
    parallel: 4,
    stateFile: states.file("rules"),
    config: {
      "scalekit:environmentUrl": env.emulator.url,
      "scalekit:clientId": env.emulator.clientId,
      "scalekit:clientSecret": { secret: env.emulator.clientSecret },
      exports: JSON.stringify(exports),
    },
  });
  declare(stack, resources);
  return stack;
}
const declare = (stack: StandInStack, resources: Declared[]) => stack.setConfig("resources", JSON.stringify(resources));
const organization = (name: string, args: Record<string, unknown> = {}, options: Declared["options"] = {}): Declared => ({ kind: "Organization", name, args: { displayName: name, ...args }, options });
const domain = (name: string, organizationName: string, args: Record<string, unknown> = {}, options: Declared["options"] = {}): Declared => ({
  kind: "Domain",
  name,
  args: { organizationId: { $id: organizationName }, domain: name, ...args },
  options,
});
const callsOf = (report: OperationReport, name: string) => report.calls.filter((call: ProviderCall) => nameOf(call.urn) === name).map((call) => call.method);
const apiCallsDuring = async (run: () => Promise<OperationReport>) => {
  const since = env.emulator.requestLog.length;
  const report = await run();
  return { report, api: calls(env.emulator, since).filter((line) => !line.startsWith("POST /oauth/token")) };
};
const expectOk = (report: OperationReport) => expect(report.errors).toEqual([]);

describe("the program run", () => {
  test("runs in the folder of Pulumi.yaml's main, the project root passed apart (pkg/engine/project.go, getPwdMain)", async () => {
    const stack = openStack([]);
    expectOk(await stack.up());
    expect(stack.outputs).toMatchObject({ workingDirectory: path.join(FIXTURE, "src"), rootDirectory: FIXTURE });
  });

  test("a program that fails deletes nothing, even what it no longer registers", async () => {
    const stack = openStack([organization("kept-after-failure")]);
    expectOk(await stack.up());
    declare(stack, [organization("registered-before-failure", {}, { protect: false })]);
    stack.setConfig("tenantsFile", "missing-tenants.yaml");
    const { report, api } = await apiCallsDuring(() => stack.up());
    expect(report.ok).toBe(false);
    expect(report.errors.join("\n")).toMatch(/the program failed: missing-tenants\.yaml has 1 problem/);
    expect(api.filter((line) => line.startsWith("DELETE"))).toEqual([]);
    expect(stack.state.resources.some((resource) => nameOf(resource.urn) === "kept-after-failure")).toBe(true);
  });
});

describe("preview", () => {
  test("checks and diffs, sends no create/update/delete, answers with the checked inputs: outputs that are not inputs are unknown, the id of an update known", async () => {
    const stack = openStack([organization("preview-org", { externalId: "preview-org" })], { "preview-org": ["id", "organizationId", "displayName"] });
    const { report: first, api: firstApi } = await apiCallsDuring(() => stack.preview());
    expectOk(first);
    expect(first.outputs.resources["preview-org"]).toEqual({ id: UNKNOWN, organizationId: UNKNOWN, displayName: "preview-org" });
    expect(firstApi).toEqual([]);

    expectOk(await stack.up());
    const id = stack.outputs.resources["preview-org"].id;
    expect(id).toMatch(/^org_/);

    declare(stack, [organization("preview-org", { externalId: "preview-org", displayName: "Preview Org, renamed" })]);
    const { report, api } = await apiCallsDuring(() => stack.preview());
    expectOk(report);
    expect(changes(report.plan).map((step) => `${step.op} ${nameOf(step.urn)}`)).toEqual(["update preview-org"]);
    expect(callsOf(report, "preview-org")).toEqual(["check", "diff"]);
    expect(report.outputs.resources["preview-org"]).toEqual({ id, organizationId: UNKNOWN, displayName: "Preview Org, renamed" });
    expect(api).toEqual([]);
  });
});

describe("steps", () => {
  test("a replacement is created before the old one is deleted, unless the diff or the deleteBeforeReplace option says otherwise", async () => {
    const link = (triggers: Record<string, string>, options: Declared["options"] = {}): Declared => ({ kind: "AdminPortalLink", name: "rotating-link", args: { organizationId: { $id: "link-org" }, triggers }, options });
    const stack = openStack([organization("link-org", { features: { sso: true } }, { protect: false }), link({ rotation: "1" })]);
    expectOk(await stack.up());

    declare(stack, [organization("link-org", { features: { sso: true } }, { protect: false }), link({ rotation: "2" })]);
    const createFirst = await stack.up();
    expectOk(createFirst);
    expect(changes(createFirst.plan).filter((step) => step.op === "replace")).toEqual([expect.objectContaining({ order: "create-before-delete", replaces: ["triggers"] })]);
    expect(callsOf(createFirst, "rotating-link")).toEqual(["check", "diff", "check", "create", "delete"]);

    declare(stack, [organization("link-org", { features: { sso: true } }, { protect: false }), link({ rotation: "3" }, { deleteBeforeReplace: true })]);
    const deleteFirst = await stack.up();
    expectOk(deleteFirst);
    expect(changes(deleteFirst.plan).filter((step) => step.op === "replace")).toEqual([expect.objectContaining({ order: "delete-before-create" })]);
    expect(callsOf(deleteFirst, "rotating-link")).toEqual(["check", "diff", "check", "delete", "create"]);

    // A resource retained on delete is not deleted when it is replaced either, delete-first included.
    declare(stack, [organization("link-org", { features: { sso: true } }, { protect: false }), link({ rotation: "3" }, { deleteBeforeReplace: true, retainOnDelete: true })]);
    expectOk(await stack.up());
    declare(stack, [organization("link-org", { features: { sso: true } }, { protect: false }), link({ rotation: "4" }, { deleteBeforeReplace: true, retainOnDelete: true })]);
    const retained = await stack.up();
    expectOk(retained);
    expect(changes(retained.plan).filter((step) => step.op === "replace")).toEqual([expect.objectContaining({ order: "delete-before-create" })]);
    expect(callsOf(retained, "rotating-link")).toEqual(["check", "diff", "check", "create"]);
  });

  test("a replacement is checked again with no old inputs: checks that depend on them run as for a new resource", async () => {
    const idp = await IdpDocumentServer.start();
    try {
      const { cert } = await selfSignedCertificate();
      const metadataUrl = idp.serve("/metadata", samlIdpMetadata({ entityId: "https://idp.recheck.example/entity", ssoUrl: "https://idp.recheck.example/sso", certificatePem: cert }));
      const connection = (provider: string): Declared => ({ kind: "SSOConnection", name: "recheck-sso", args: { organizationId: { $id: "recheck-org" }, provider, saml: { metadataUrl }, enabled: true } });
      const stack = openStack([organization("recheck-org", {}, { protect: false }), connection("OKTA")]);
      expectOk(await stack.up());

      // The IdP's metadata is gone. An update of an enabled connection with the same IdP does not look
      // at it again; the replacement (another provider), checked as a new connection, does.
      idp.serve("/metadata", "not metadata");
      declare(stack, [organization("recheck-org", {}, { protect: false }), connection("ONELOGIN")]);
      const { report, api } = await apiCallsDuring(() => stack.up());
      expect(report.ok).toBe(false);
      expect(report.errors.join("\n")).toMatch(/recheck-sso is invalid: saml\.metadataUrl: IdP metadata at/);
      expect(callsOf(report, "recheck-sso")).toEqual(["check", "diff", "check"]);
      expect(api.filter((line) => line.includes("/connections"))).toEqual([]);
    } finally {
      await idp.close();
    }
  });

  test("a check failure stops the whole deployment, preview included, naming the field and the rule, before any API call for it", async () => {
    const resources = [organization("check-org", {}, { protect: false }), domain("gmail.com", "check-org"), organization("check-org-after", {}, { protect: false, dependsOn: ["gmail.com"] })];
    const stack = openStack(resources);
    const preview = await stack.preview();
    expect(preview.ok).toBe(false);
    expect(preview.errors.join("\n")).toMatch(/gmail\.com is invalid: domain: .*public or disposable/);

    const { report, api } = await apiCallsDuring(() => stack.up());
    expect(report.ok).toBe(false);
    expect(report.errors.join("\n")).toMatch(/gmail\.com is invalid: domain: .*public or disposable/);
    expect(api.filter((line) => line.includes("/domains"))).toEqual([]);
    expect(stack.state.resources.map((resource) => nameOf(resource.urn))).not.toContain("check-org-after");
  });

  test("protect refuses a replacement: the preview shows it failing, the up stops before touching anything", async () => {
    const stack = openStack([organization("protect-org", {}, { protect: false }), domain("protected-replace.example.com", "protect-org", {}, { protect: true })]);
    expectOk(await stack.up());
    declare(stack, [organization("protect-org", {}, { protect: false }), domain("protected-replace.example.com", "protect-org", { domainType: "ALLOWED_EMAIL_DOMAIN" }, { protect: true })]);

    const preview = await stack.preview();
    expect(preview.ok).toBe(false);
    expect(changes(preview.plan)).toEqual([expect.objectContaining({ op: "replace", error: expect.stringMatching(/unable to replace .* marked for protection/) })]);
    const { report, api } = await apiCallsDuring(() => stack.up());
    expect(report.ok).toBe(false);
    expect(api).toEqual([]);
  });

  test("ignoreChanges: the old value of an ignored input is kept, so changing it is no change", async () => {
    const stack = openStack([organization("ignoring-org", { externalId: "ignoring-org" }, { ignoreChanges: ["displayName"], protect: false })]);
    expectOk(await stack.up());
    declare(stack, [organization("ignoring-org", { externalId: "ignoring-org", displayName: "Another name" }, { ignoreChanges: ["displayName"], protect: false })]);
    const { report, api } = await apiCallsDuring(() => stack.up());
    expectOk(report);
    expect(changes(report.plan)).toEqual([]);
    expect(api).toEqual([]);
  });

  test("retainOnDelete: a resource the program drops leaves the state without a Delete call", async () => {
    const stack = openStack([organization("retained-org", { externalId: "retained-org" }, { retainOnDelete: true, protect: false })]);
    expectOk(await stack.up());
    const id = stack.state.resources.find((resource) => nameOf(resource.urn) === "retained-org")!.id!;
    declare(stack, []);
    const { report, api } = await apiCallsDuring(() => stack.up());
    expectOk(report);
    expect(changes(report.plan).map((step) => `${step.op} ${nameOf(step.urn)}`)).toEqual(["delete retained-org"]);
    expect(callsOf(report, "retained-org")).toEqual([]);
    expect(api).toEqual([]);
    const client = clientFor(env.emulator);
    try {
      expect((await client.organizations.get(id)).id).toBe(id);
    } finally {
      await client.close();
    }
  });

  test("initErrors: a create that made the object but failed to finish it is kept in the state, and the next up finishes it", async () => {
    const connection: Declared = { kind: "SSOConnection", name: "half-made-sso", args: { organizationId: { $id: "init-org" }, provider: "OKTA", saml: { metadataUrl: "https://idp.example.com/metadata" }, enabled: false } };
    const stack = openStack([organization("init-org", {}, { protect: false }), connection]);
    env.emulator.scriptFault({ kind: "internal", method: "PATCH", path: /\/connections\/conn_/ });
    const failed = await stack.up();
    expect(failed.ok).toBe(false);
    const kept = stack.state.resources.find((resource) => nameOf(resource.urn) === "half-made-sso")!;
    expect(kept.id).toMatch(/^org_.*\/conn_/);
    expect(kept.initErrors?.[0]).toMatch(/could not be configured/);

    const { report, api } = await apiCallsDuring(() => stack.up());
    expectOk(report);
    // Here the half-made connection also differs from its inputs; with no difference the update would be forced all the same.
    expect(changes(report.plan)).toEqual([expect.objectContaining({ op: "update", urn: kept.urn })]);
    expect(api.some((line) => line.startsWith("PATCH ") && line.includes(kept.id!.split("/")[1]))).toBe(true);
    expect(stack.state.resources.find((resource) => nameOf(resource.urn) === "half-made-sso")!.initErrors).toBeUndefined();
  });
});

describe("refresh", () => {
  test("reads every resource back: an edit made outside shows as drift, the state takes the live inputs, and the next up restores the declared value", async () => {
    const stack = openStack([organization("drifting-org", { externalId: "drifting-org" }, { protect: false })]);
    expectOk(await stack.up());
    const id = stack.state.resources.find((resource) => nameOf(resource.urn) === "drifting-org")!.id!;
    const client = clientFor(env.emulator);
    try {
      await client.organizations.update(id, { display_name: "Renamed in the dashboard" });
      const refresh = await stack.refresh();
      expectOk(refresh);
      expect(refresh.plan).toEqual([expect.objectContaining({ op: "refresh", drift: "update" })]);
      expect(stack.state.resources.find((resource) => resource.id === id)!.inputs.displayName).toBe("Renamed in the dashboard");
      expect((await stack.refresh()).plan).toEqual([expect.objectContaining({ drift: "same" })]);

      const up = await stack.up();
      expect(changes(up.plan).map((step) => `${step.op} ${nameOf(step.urn)}`)).toEqual(["update drifting-org"]);
      expect((await client.organizations.get(id)).display_name).toBe("drifting-org");
    } finally {
      await client.close();
    }
  });

  test("a resource deleted outside leaves the state", async () => {
    const stack = openStack([organization("vanishing-org", {}, { protect: false })]);
    expectOk(await stack.up());
    const id = stack.state.resources.find((resource) => nameOf(resource.urn) === "vanishing-org")!.id!;
    const client = clientFor(env.emulator);
    try {
      await client.organizations.delete(id);
    } finally {
      await client.close();
    }
    const refresh = await stack.refresh();
    expectOk(refresh);
    expect(refresh.plan).toEqual([expect.objectContaining({ drift: "delete" })]);
    expect(stack.state.resources.some((resource) => resource.id === id)).toBe(false);
  });
});

describe("secrets", () => {
  test("secret inputs and outputs stay secret in the state, and the state file holds none of them in plaintext", async () => {
    const stack = openStack([
      organization("secret-org", { features: { sso: true } }, { protect: false }),
      { kind: "SSOConnection", name: "secret-sso", args: { organizationId: { $id: "secret-org" }, provider: "OKTA", oidc: { issuer: "https://secret.okta.example.com", clientId: "0oa-secret", clientSecret: { $secret: "oidcClientSecret" } }, enabled: false } },
      { kind: "AdminPortalLink", name: "secret-link", args: { organizationId: { $id: "secret-org" } } },
    ]);
    stack.setConfig("oidcClientSecret", { secret: "oidc-client-secret-value" });
    expectOk(await stack.up());
    const byName = (name: string) => stack.state.resources.find((resource) => nameOf(resource.urn) === name)!;
    expect(isSecretEnvelope(byName("secret-sso").inputs.oidc)).toBe(true);
    expect(isSecretEnvelope(byName("secret-sso").outputs.oidc)).toBe(true);
    const location = byName("secret-link").outputs.location;
    expect(isSecretEnvelope(location)).toBe(true);

    const file = readFileSync(stack.stateFile, "utf8");
    for (const secret of [env.emulator.clientSecret, "oidc-client-secret-value", (location as { value: string }).value]) expect(file).not.toContain(secret);
    expect(file).toContain("secret-org");
    expect(StandInStack.open({ projectDir: FIXTURE, stack: stack.name, stateFile: stack.stateFile }).state).toEqual(stack.state);
    expect(() => StandInStack.open({ projectDir: FIXTURE, stack: stack.name, stateFile: stack.stateFile, passphrase: "not the passphrase" })).toThrow(/passphrase does not decrypt/);
    expectOk(await stack.destroy());
  });
});

describe("destroy", () => {
  test("deletes dependents first", async () => {
    const stack = openStack([organization("destroy-org", {}, { protect: false }), domain("destroy-order.example.com", "destroy-org")]);
    expectOk(await stack.up());
    const destroy = await stack.destroy();
    expectOk(destroy);
    expect(destroy.calls.filter((call) => call.method === "delete").map((call) => nameOf(call.urn))).toEqual(["destroy-order.example.com", "destroy-org"]);
    expect(stack.state.resources).toEqual([]);
  });

  test("is previewed first: a protected resource fails the preview and nothing is deleted; with --skip-preview the others go", async () => {
    const stack = openStack([organization("kept-org", {}, { protect: true }), domain("kept.example.com", "kept-org")]);
    expectOk(await stack.up());
    const before = stack.state;
    const refused = await stack.destroy();
    expect(refused.errors.join("\n")).toMatch(/kept-org.*cannot be deleted because it is protected/);
    expect(refused.calls.filter((call) => call.method === "delete")).toEqual([]);
    expect(stack.state).toBe(before);

    const skipped = await stack.destroy({ skipPreview: true });
    expect(skipped.calls.filter((call) => call.method === "delete").map((call) => nameOf(call.urn))).toEqual(["kept.example.com"]);
    expect(stack.state.resources.filter((resource) => resource.custom).map((resource) => nameOf(resource.urn))).toEqual(["kept-org"]);
    declare(stack, [organization("kept-org", {}, { protect: false })]);
    expectOk(await stack.up());
    expectOk(await stack.destroy());
  });
});

describe("up", () => {
  test("is previewed first: when the preview fails (a protected resource to delete), nothing is created either", async () => {
    const stack = openStack([organization("guarded-org", {}, { protect: true })]);
    expectOk(await stack.up());
    declare(stack, [organization("newcomer-org", {}, { protect: false })]);
    const refused = await stack.up();
    expect(refused.errors.join("\n")).toMatch(/guarded-org.*cannot be deleted because it is protected/);
    expect(refused.calls.filter((call) => call.method === "create")).toEqual([]);
    expect(stack.state.resources.filter((resource) => resource.custom).map((resource) => nameOf(resource.urn))).toEqual(["guarded-org"]);

    declare(stack, [organization("guarded-org", {}, { protect: false })]);
    expectOk(await stack.up());
    declare(stack, []);
    expectOk(await stack.up());
    expect(stack.state.resources.filter((resource) => resource.custom)).toEqual([]);
  });
});
