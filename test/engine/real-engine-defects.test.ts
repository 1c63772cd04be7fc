import * as path from "node:path";
import { PACKAGE_ROOT } from "../../scripts/package-root";
import { changes, nameOf, StandInStack, type OperationReport } from "../../tools/engine-standin";
import { calls, useEmulator } from "../helpers/emulator";
import { javascriptProjectWithoutTypescript } from "../helpers/javascript-project";
import { SAMPLE_TENANTS } from "../helpers/sample-tenants";
import { useStateFolder } from "../helpers/state-folder";

/*
 * The four defects that every user of the real Pulumi CLI would have hit while the suite passed
 * (issue 10), each shown the way Pulumi's engine exposes it, through the engine stand-in.
 */
const FIXTURE = path.join(__dirname, "../fixtures/programs/declared");
const env = useEmulator();
const states = useStateFolder();
const credentials = () => ({ "scalekit:environmentUrl": env.emulator.url, "scalekit:clientId": env.emulator.clientId, "scalekit:clientSecret": { secret: env.emulator.clientSecret } });
const summary = (report: OperationReport) => changes(report.plan).map((step) => `${step.op} ${step.type.split(":").pop()} ${nameOf(step.urn)}`).sort();

test("1. the root stack, which Pulumi runs from dist/ (the folder of main), reads tenants.yaml from the project root", async () => {
  const stack = StandInStack.open({ projectDir: PACKAGE_ROOT, stack: "defect-1", stateFile: states.file("defect-1"), config: credentials(), env: { GLOBEX_ENTRA_CLIENT_SECRET: "defect-1" } });
  expect(stack.project.programDirectory).toBe(path.join(PACKAGE_ROOT, "dist"));
  const preview = await stack.preview();
  expect(preview.errors).toEqual([]);
  expect(summary(preview).filter((step) => step.startsWith("create Organization"))).toEqual(["create Organization acme", "create Organization globex", "create Organization initech"]);
});

test("2. an OIDC connection refreshes twice in a row, and `up --refresh` after a refresh, without failing its diff", async () => {
  const stack = StandInStack.open({
    projectDir: FIXTURE,
    stack: "defect-2",
    stateFile: states.file("defect-2"),
    config: {
      ...credentials(),
      oidcSecret: { secret: "defect-2-client-secret" },
      resources: JSON.stringify([
        { kind: "Organization", name: "defect-2", args: { displayName: "Defect 2" }, options: { protect: false } },
        { kind: "SSOConnection", name: "defect-2-oidc", args: { organizationId: { $id: "defect-2" }, provider: "OKTA", oidc: { issuer: "https://defect2.okta.example.com", clientId: "0oa-2", clientSecret: { $secret: "oidcSecret" } }, enabled: false } },
      ]),
    },
  });
  expect((await stack.up()).errors).toEqual([]);
  for (const operation of [() => stack.refresh(), () => stack.refresh(), () => stack.up({ refresh: true })]) {
    const report = await operation();
    expect(report.errors).toEqual([]);
    expect(report.plan.filter((step) => step.drift && step.drift !== "same")).toEqual([]);
    expect(changes(report.plan)).toEqual([]);
  }
});

test("3. a preview that updates an organization shows its domains, connection and portal link unchanged, as the up that follows does", async () => {
  const tenant = (name: string) => ({
    kind: "Tenant",
    name: "defect-3",
    args: { name, domains: ["defect3.example.com"], sso: { provider: "OKTA", saml: { metadataUrl: "https://defect3.okta.example.com/metadata" }, enabled: false }, adminPortal: true, protectOrganization: false },
  });
  const stack = StandInStack.open({ projectDir: FIXTURE, stack: "defect-3", stateFile: states.file("defect-3"), config: { ...credentials(), resources: JSON.stringify([tenant("Defect Three")]) } });
  expect((await stack.up()).errors).toEqual([]);

  stack.setConfig("resources", JSON.stringify([tenant("Defect Three, renamed")]));
  const since = env.emulator.requestLog.length;
  const preview = await stack.preview();
  expect(preview.errors).toEqual([]);
  expect(summary(preview)).toEqual(["update Organization defect-3"]);
  expect(calls(env.emulator, since).filter((line) => !line.startsWith("POST /oauth/token"))).toEqual([]);
  const up = await stack.up();
  expect(summary(up)).toEqual(["update Organization defect-3"]);
});

test("4. a plain JavaScript program, with no typescript package, registers and creates resources", async () => {
  const project = javascriptProjectWithoutTypescript(SAMPLE_TENANTS);
  try {
    const stack = StandInStack.open({ projectDir: project.directory, stack: "defect-4", stateFile: states.file("defect-4"), config: credentials(), env: { GLOBEX_ENTRA_CLIENT_SECRET: "defect-4" } });
    const up = await stack.up();
    expect(up.errors).toEqual([]);
    expect(summary(up).filter((step) => step.startsWith("create SSOConnection"))).toEqual(["create SSOConnection acme/sso", "create SSOConnection globex/sso"]);
  } finally {
    project.remove();
  }
});
