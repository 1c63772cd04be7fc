import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { parse, stringify } from "yaml";
import { changes, comparablePlan, isSecretEnvelope, nameOf, type OperationReport, type PlanStep, type StandInStack } from "../../tools/engine-standin";
import { calls, clientFor, useEmulator } from "../helpers/emulator";
import { SAMPLE_TENANTS } from "../helpers/sample-tenants";

/** A project that onboards the tenants of a tenants file, opened as a stand-in stack. */
export interface OnboardingProject {
  /** Opens the stack on the sample tenants.yaml; `tenantsFile` config switches files later. */
  open(config: Record<string, string | { secret: string }>, env: NodeJS.ProcessEnv): Promise<StandInStack>;
  close(): void;
}

const GLOBEX_SECRET = "GLOBEX_ENTRA_CLIENT_SECRET";
const ACME_OIDC_SECRET = "ACME_OIDC_CLIENT_SECRET";

/**
 * "op Kind name [order] [refused|not done]" for each step that changes something, sorted: what a
 * reviewer reads in a plan. The delete of a replaced object is part of its replace, not listed apart.
 */
export const summary = (plan: readonly PlanStep[]) =>
  changes(plan)
    .filter((step) => !step.replaced)
    .map((step) => [step.op, step.type.split(":").pop(), nameOf(step.urn), step.order, step.error && (/protected/.test(step.error) ? "refused" : "not done")].filter(Boolean).join(" "))
    .sort();

/**
 * The life of an onboarding stack through the stand-in, as a user lives it with the CLI: preview, up
 * (the plan of the preview, step for step), a preview and an up with nothing to do (no API call), two
 * refreshes, each kind of edit of the tenants file (preview plan = up plan, and no replacement beyond
 * the documented rules), then destroy (refused while organizations are protected).
 */
export function describeOnboardingScenario(title: string, project: OnboardingProject): void {
  describe(title, () => {
    const env = useEmulator();
    let stack: StandInStack;
    let scratch: string;
    let firstPreview: OperationReport;
    /** The tenants file as edited so far (edits accumulate, as commits on a branch do). */
    let current: any = parse(readFileSync(SAMPLE_TENANTS, "utf8"));
    const apiCalls = (since: number) => calls(env.emulator, since).filter((line) => !line.startsWith("POST /oauth/token"));

    beforeAll(async () => {
      scratch = mkdtempSync(path.join(tmpdir(), "scenario-"));
      stack = await project.open(
        { "scalekit:environmentUrl": env.emulator.url, "scalekit:clientId": env.emulator.clientId, "scalekit:clientSecret": { secret: env.emulator.clientSecret } },
        { [GLOBEX_SECRET]: "globex-entra-secret-1", [ACME_OIDC_SECRET]: "acme-oidc-secret" },
      );
    });
    afterAll(() => {
      project.close();
      rmSync(scratch, { recursive: true, force: true });
    });

    /** Runs a preview then an up; both must succeed and plan the same steps. */
    async function previewThenUp(): Promise<{ preview: OperationReport; up: OperationReport; previewApiCalls: string[]; upApiCalls: string[] }> {
      const before = env.emulator.requestLog.length;
      const preview = await stack.preview();
      expect(preview.errors).toEqual([]);
      const previewApiCalls = apiCalls(before);
      const between = env.emulator.requestLog.length;
      const up = await stack.up();
      expect(up.errors).toEqual([]);
      expect(comparablePlan(up.plan)).toEqual(comparablePlan(preview.plan));
      return { preview, up, previewApiCalls, upApiCalls: apiCalls(between) };
    }

    /** Points the stack at the tenants file edited by `transform`; `keep: false` for an edit about to be taken back. */
    function editTenants(name: string, transform: (document: any) => void, keep = true): void {
      const edited = structuredClone(current);
      transform(edited);
      const file = path.join(scratch, name);
      writeFileSync(file, stringify(edited));
      stack.setConfig("tenantsFile", file);
      if (keep) current = edited;
    }
    const tenant = (document: any, key: string) => document.tenants.find((entry: { key: string }) => entry.key === key);

    test("preview of the sample: every resource to create, checked only, no API call", async () => {
      const before = env.emulator.requestLog.length;
      const preview = (firstPreview = await stack.preview());
      expect(preview.errors).toEqual([]);
      expect(summary(preview.plan)).toEqual([
        "create AdminPortalLink acme/admin-portal", "create Domain acme/acme.io", "create Domain acme/acmecorp.com", "create Domain globex/globex.com",
        "create Domain initech/initech.com", "create Organization acme", "create Organization globex", "create Organization initech",
        "create SSOConnection acme/sso", "create SSOConnection globex/sso", "create Stack " + nameOf(stack.stackUrn), "create Tenant acme", "create Tenant globex", "create Tenant initech",
      ]);
      expect(new Set(preview.calls.map((call) => call.method))).toEqual(new Set(["check"]));
      expect(apiCalls(before)).toEqual([]);
      expect(stack.state.resources).toEqual([]);
    });

    test("up does what the preview showed, step for step", async () => {
      const up = await stack.up();
      expect(up.errors).toEqual([]);
      expect(comparablePlan(up.plan)).toEqual(comparablePlan(firstPreview.plan));
      const client = clientFor(env.emulator);
      try {
        expect((await client.organizations.listPage({ pageSize: 100 })).organizations.map((organization) => organization.external_id).sort()).toEqual(["acme-123", "globex", "initech"]);
      } finally {
        await client.close();
      }
      expect(Object.keys(stack.outputs.tenants).sort()).toEqual(["acme", "globex", "initech"]);
    });

    test("the stack's outputs are the hand-off bundles, the portal link a secret", async () => {
      const { tenants } = stack.outputs;
      const organization = (key: string) => stack.state.resources.find((resource) => resource.custom && nameOf(resource.urn) === key)!.id;
      expect(tenants.acme.organizationId).toBe(organization("acme"));
      // Domains created through the API are admin-verified: nothing for the IT admin to publish.
      expect(tenants.acme.dnsTxtRecords).toEqual([]);
      expect(tenants.acme.sso).toMatchObject({ provider: "OKTA", protocol: "SAML", enabled: false, acsUrl: expect.stringMatching(new RegExp(`^${env.emulator.url}/`)), spEntityId: expect.any(String) });
      expect(isSecretEnvelope(tenants.acme.adminPortal.link)).toBe(true);
      expect(tenants.acme.adminPortal.link.value).toMatch(new RegExp(`^${env.emulator.url}/magicLink/`));
      expect(tenants.globex.sso.redirectUri).toMatch(/^http/);
      expect(tenants.initech.sso).toBeUndefined();
      expect(readFileSync(stack.stateFile, "utf8")).not.toContain(tenants.acme.adminPortal.link.value);
    });

    test("with nothing changed, preview and up have no step and make no API call", async () => {
      const { preview, up, previewApiCalls, upApiCalls } = await previewThenUp();
      expect(changes(preview.plan)).toEqual([]);
      expect(changes(up.plan)).toEqual([]);
      expect(new Set(up.calls.map((call) => call.method))).toEqual(new Set(["check", "diff"]));
      expect([...previewApiCalls, ...upApiCalls]).toEqual([]);
    });

    test("refresh twice finds no drift (the refreshed OIDC connection diffs cleanly), then up has nothing to do", async () => {
      for (let pass = 0; pass < 2; pass++) {
        const refresh = await stack.refresh();
        expect(refresh.errors).toEqual([]);
        expect(refresh.plan.filter((step) => step.drift !== "same")).toEqual([]);
      }
      const since = env.emulator.requestLog.length;
      const up = await stack.up();
      expect(up.errors).toEqual([]);
      expect(changes(up.plan)).toEqual([]);
      expect(apiCalls(since)).toEqual([]);
    });

    test.each<[string, (document: any) => void, string[]]>([
      ["an organization field: only the organization updates, its children stay", (document) => (tenant(document, "acme").name = "Acme Corporation"), ["update Organization acme"]],
      ["a domain added", (document) => tenant(document, "acme").domains.push("acme.dev"), ["create Domain acme/acme.dev"]],
      ["that domain removed", (document) => tenant(document, "acme").domains.pop(), ["delete Domain acme/acme.dev"]],
      [
        "a domain type: the domain replaced, deleted first (the name is unique)",
        (document) => (tenant(document, "acme").domains[1] = { domain: "acme.io", type: "ORGANIZATION_DOMAIN" }),
        ["replace Domain acme/acme.io delete-before-create"],
      ],
      [
        "SAML to OIDC: the connection replaced (a new key id), created before the old one is deleted",
        (document) =>
          (tenant(document, "acme").sso = { provider: "OKTA", oidc: { issuer: "https://acme.okta.com", clientId: "0oa-acme", clientSecret: { env: ACME_OIDC_SECRET } }, enabled: false }),
        ["replace SSOConnection acme/sso create-before-delete"],
      ],
      ["a portal link trigger: a fresh link", (document) => (tenant(document, "acme").adminPortal = { features: ["sso"], triggers: { rotation: "2026-12" } }), ["replace AdminPortalLink acme/admin-portal create-before-delete"]],
      [
        "enabled toggled (IdP validation off, as for an IdP this machine cannot reach): an update",
        (document) => Object.assign(tenant(document, "globex").sso, { enabled: true, validateIdp: false }),
        ["update SSOConnection globex/sso"],
      ],
    ])("edit: %s", async (_title, transform, expected) => {
      editTenants(`edit-${expected[0].replace(/\W+/g, "-")}.yaml`, transform);
      const { up, upApiCalls } = await previewThenUp();
      expect(summary(up.plan)).toEqual(expected);
      expect(upApiCalls.length).toBeGreaterThan(0);
      const again = await stack.preview();
      expect(changes(again.plan)).toEqual([]);
    });

    test("edit: the OIDC client secret rotated: the connection updates (the state holds a digest, never the secret)", async () => {
      stack.env[GLOBEX_SECRET] = "globex-entra-secret-2";
      const { up } = await previewThenUp();
      expect(summary(up.plan)).toEqual(["update SSOConnection globex/sso"]);
      expect(JSON.stringify(stack.state)).not.toContain("globex-entra-secret-1");
    });

    test("edit: a tenant removed: refused while its organization is protected, done once unprotected", async () => {
      const withoutInitech = (document: any) => (document.tenants = document.tenants.filter((entry: { key: string }) => entry.key !== "initech"));
      editTenants("without-initech-protected.yaml", withoutInitech, false);
      const refused = await stack.preview();
      expect(refused.errors.join("\n")).toMatch(/initech.*cannot be deleted because it is protected/);

      editTenants("initech-unprotected.yaml", (document) => (tenant(document, "initech").protect = false));
      const unprotected = await previewThenUp();
      expect(summary(unprotected.up.plan)).toEqual([]);

      editTenants("without-initech.yaml", withoutInitech);
      const { up } = await previewThenUp();
      expect(summary(up.plan)).toEqual(["delete Domain initech/initech.com", "delete Organization initech", "delete Tenant initech"]);
    });

    test("destroy: refused by its preview while organizations are protected (nothing deleted), complete once they are unprotected", async () => {
      const before = stack.state;
      const refused = await stack.destroy();
      expect(refused.ok).toBe(false);
      expect(summary(refused.plan).filter((step) => !step.startsWith("delete Domain") && !step.startsWith("delete SSOConnection") && !step.startsWith("delete AdminPortalLink"))).toEqual([
        // The organizations are refused; the tenants and the stack hold them, so they stay too.
        "delete Organization acme refused", "delete Organization globex refused",
        "delete Stack " + nameOf(stack.stackUrn) + " not done", "delete Tenant acme not done", "delete Tenant globex not done",
      ]);
      // The CLI previews a destroy first and stops at the preview's error: no domain, connection or link goes either.
      expect(stack.state).toBe(before);

      editTenants("unprotected.yaml", (document) => document.tenants.forEach((entry: { protect?: boolean }) => (entry.protect = false)));
      expect((await stack.up()).errors).toEqual([]);
      const destroyed = await stack.destroy();
      expect(destroyed.errors).toEqual([]);
      expect(stack.state.resources).toEqual([]);
      const client = clientFor(env.emulator);
      try {
        expect((await client.organizations.listPage({ pageSize: 100 })).organizations).toEqual([]);
      } finally {
        await client.close();
      }
    });

  });
}
