import * as path from "node:path";
import { MockProgramError, runUnderMocks } from "../helpers/mock-program";
import { chooseTenantsFile, ShardsError } from "../../provider";
import { onboardingStack } from "../../stack/onboarding";
import { SAMPLE_LAYOUT, useLayoutCopies } from "./layouts";

const layouts = useLayoutCopies();
const choose = (stackName: string, configured?: string, projectDir = SAMPLE_LAYOUT) => chooseTenantsFile({ projectDir, stackName, configured, defaultFile: "tenants.yaml" });

describe("which tenants file a stack onboards", () => {
  it("without shards.yaml: the configured file, else tenants.yaml", () => {
    const unsharded = path.join(SAMPLE_LAYOUT, "tenants");
    expect(choose("dev", undefined, unsharded)).toEqual({ tenantsFile: "tenants.yaml" });
    expect(choose("dev", "eu.yaml", unsharded)).toEqual({ tenantsFile: "eu.yaml" });
  });

  it("with shards.yaml: the stack's name picks its shard, and a configured file must agree", () => {
    expect(choose("prod-i-r")).toEqual({ tenantsFile: "tenants/i-r.yaml", shard: "i-r" });
    expect(choose("prod-i-r", "./tenants/i-r.yaml")).toEqual({ tenantsFile: "tenants/i-r.yaml", shard: "i-r" });
    expect(() => choose("prod-i-r", "tenants/a-h.yaml")).toThrow(
      "stack prod-i-r is shard i-r of shards.yaml, whose tenants file is tenants/i-r.yaml, but its config scalekit-onboarding:tenantsFile is tenants/a-h.yaml; remove the setting (the shard decides) or set it to tenants/i-r.yaml",
    );
  });

  it("a stack outside the shards needs a file of its own, never a shard's", () => {
    expect(() => choose("dev")).toThrow("stack dev is not a shard of shards.yaml (its stacks are prod-a-h, prod-i-r, prod-s-z); a stack outside the shards must set scalekit-onboarding:tenantsFile to a file of its own");
    expect(() => choose("dev", "tenants/s-z.yaml")).toThrow("stack dev is configured with tenants/s-z.yaml, the tenants file of shard s-z (stack prod-s-z); two stacks must not manage the same tenants");
    expect(choose("dev", "sandbox.yaml")).toEqual({ tenantsFile: "sandbox.yaml" });
  });

  it("validates the whole layout first: a clash in another shard stops every shard", () => {
    const root = layouts.copy({ "tenants/s-z.yaml": "tenants:\n  - key: stark\n    name: Stark\n    domains: [acmecorp.com]\n" });
    expect(() => choose("prod-i-r", undefined, root)).toThrow(ShardsError);
  });
});

describe("the root stack of a sharded project, under mocks", () => {
  beforeAll(() => {
    process.env.GLOBEX_ENTRA_CLIENT_SECRET = "entra-secret-for-tests";
  });
  afterAll(() => {
    delete process.env.GLOBEX_ENTRA_CLIENT_SECRET;
  });
  const run = (stack: string, config: Record<string, string> = {}) =>
    runUnderMocks(() => onboardingStack({ baseDir: SAMPLE_LAYOUT }), { project: "scalekit-onboarding", stack, config });

  it("registers only the tenants of the stack's own shard", async () => {
    const program = await run("prod-a-h");
    const tenants = program.resources.filter((resource) => resource.type === "scalekit:index:Tenant").map((resource) => resource.name);
    expect(tenants.sort()).toEqual(["acme", "globex"]);
    expect(Object.keys(program.result.tenants).sort()).toEqual(["acme", "globex"]);
  });

  it("registers nothing for a stack whose configured file is another shard's", async () => {
    const failure = await run("prod-i-r", { "scalekit-onboarding:tenantsFile": "tenants/a-h.yaml" }).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(MockProgramError);
    expect((failure as MockProgramError).message).toContain("stack prod-i-r is shard i-r of shards.yaml");
    expect((failure as MockProgramError).resources).toEqual([]);
  });
});
