import * as path from "node:path";
import { parseAllDocuments } from "yaml";
import { loadShards } from "../../provider";
import { operatorStacks, type OperatorStack } from "../../provider/cli/shards/operator-stacks";
import { shardOutputs } from "../../provider/cli/shards/outputs";
import fixture from "../fixtures/pulumi-operator-stack-crd.json";
import { kubernetesValidator, type CrdFixture } from "../helpers/kubernetes-schema";
import { SAMPLE_LAYOUT, useLayoutCopies } from "./layouts";

const layouts = useLayoutCopies();
const validate = kubernetesValidator(fixture as CrdFixture);
const sampleSet = () => loadShards(path.join(SAMPLE_LAYOUT, "shards.yaml"));
const clone = <T>(value: T): T => JSON.parse(JSON.stringify(value));

describe("Pulumi Kubernetes Operator Stacks of the sample layout", () => {
  const manifests = () => {
    const output = shardOutputs(sampleSet()).find((candidate) => candidate.file === "deploy/scalekit-shards.yaml")!;
    return parseAllDocuments(output.text).map((document) => document.toJS() as OperatorStack);
  };

  it("validate against the operator's Stack CRD (v2.9.0), as rendered to the manifests file", () => {
    const stacks = manifests();
    expect(stacks.map((stack) => stack.metadata.name)).toEqual(["prod-a-h", "prod-i-r", "prod-s-z"]);
    for (const stack of stacks) expect(validate(stack)).toEqual([]);
  });

  it("run each shard's stack from the repository, with its file, its share of the limit and refresh, and never destroy on delete", () => {
    const [aToH] = manifests();
    expect(aToH.spec).toMatchObject({
      stack: "acme-saas/scalekit-onboarding/prod-a-h",
      projectRepo: "https://github.com/acme-saas/scalekit-onboarding.git",
      branch: "main",
      serviceAccountName: "scalekit-onboarding",
      refresh: true,
      destroyOnFinalize: false,
      resyncFrequencySeconds: 3600,
      // The operator may run all three shards at once: 600 ÷ 3.
      config: { "scalekit-onboarding:tenantsFile": "tenants/a-h.yaml", "scalekit:requestsPerMinute": "200" },
    });
    expect(aToH.spec.repoDir).toBeUndefined();
  });

  it("take every credential and referenced secret from the declared Secret, never a value", () => {
    const byName = Object.fromEntries(manifests().map((stack) => [stack.metadata.name, stack.spec]));
    const fromSecret = (key: string) => ({ type: "Secret", secret: { name: "scalekit-onboarding", key } });
    const common = ["SCALEKIT_ENVIRONMENT_URL", "SCALEKIT_CLIENT_ID", "SCALEKIT_CLIENT_SECRET", "PULUMI_ACCESS_TOKEN"];
    expect(byName["prod-a-h"].envRefs).toEqual(Object.fromEntries([...common, "GLOBEX_ENTRA_CLIENT_SECRET"].map((key) => [key, fromSecret(key)])));
    expect(byName["prod-i-r"].envRefs).toEqual(Object.fromEntries(common.map((key) => [key, fromSecret(key)])));
    expect(byName["prod-s-z"].secretsRef).toEqual({ umbrellaOktaClientSecret: fromSecret("umbrellaOktaClientSecret") });
    expect(byName["prod-a-h"].secretsRef).toBeUndefined();
  });

  it("with a bucket backend and a project in a subfolder: the passphrase instead of the token, repoDir, and still valid", () => {
    const root = layouts.copy();
    const set = loadShards(path.join(root, "shards.yaml"));
    set.declaration.kubernetes = { ...set.declaration.kubernetes!, backend: "s3://acme-pulumi-state", directory: "onboarding", resyncFrequencySeconds: undefined };
    const [stack] = operatorStacks(set);
    expect(validate(stack)).toEqual([]);
    expect(stack.spec).toMatchObject({ backend: "s3://acme-pulumi-state", repoDir: "onboarding" });
    expect(Object.keys(stack.spec.envRefs)).toContain("PULUMI_CONFIG_PASSPHRASE");
    expect(Object.keys(stack.spec.envRefs)).not.toContain("PULUMI_ACCESS_TOKEN");
    expect(stack.spec.resyncFrequencySeconds).toBeUndefined();
  });
});

describe("the CRD validator itself", () => {
  const [valid] = operatorStacks(sampleSet());

  it.each([
    ["an unknown spec field", (stack: any) => (stack.spec.refreh = true), "/spec must NOT have additional properties (refreh)"],
    ["a number where the CRD wants one", (stack: any) => (stack.spec.resyncFrequencySeconds = "3600"), "/spec/resyncFrequencySeconds must be integer"],
    ["a secret reference without its type", (stack: any) => delete stack.spec.envRefs.SCALEKIT_CLIENT_ID.type, "/spec/envRefs/SCALEKIT_CLIENT_ID must have required property 'type'"],
    ["a secret reference without its key", (stack: any) => delete stack.spec.envRefs.SCALEKIT_CLIENT_ID.secret.key, "/spec/envRefs/SCALEKIT_CLIENT_ID/secret must have required property 'key'"],
    ["no stack", (stack: any) => delete stack.spec.stack, "/spec must have required property 'stack'"],
    ["a name over the operator's 42 characters", (stack: any) => (stack.metadata.name = "p".repeat(43)), "/ Stack name must be no more than 42 characters in length."],
    ["a name that is not a DNS subdomain", (stack: any) => (stack.metadata.name = "Prod_A"), "/metadata/name must be a DNS subdomain"],
    ["an invalid label value", (stack: any) => (stack.metadata.labels["pulumi-scalekit/shard"] = "a h"), "/metadata/labels/pulumi-scalekit/shard is not a valid label value"],
    ["the wrong apiVersion", (stack: any) => (stack.apiVersion = "pulumi.com/v1alpha1"), "/apiVersion must be pulumi.com/v1"],
  ])("refuses %s", (_what, change, message) => {
    const stack = clone(valid);
    change(stack);
    expect(validate(stack)).toContain(message);
  });
});
