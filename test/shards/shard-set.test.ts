import { readFileSync } from "node:fs";
import * as path from "node:path";
import { loadShards, ShardsError, type ShardsProblem } from "../../provider";
import { SAMPLE_LAYOUT, useLayoutCopies } from "./layouts";

const layouts = useLayoutCopies();
const sample = (file: string) => readFileSync(path.join(SAMPLE_LAYOUT, file), "utf8");

function problemsOf(root: string): string[] {
  try {
    loadShards(path.join(root, "shards.yaml"));
  } catch (error) {
    if (!(error instanceof ShardsError)) throw error;
    return error.problems.map((problem: ShardsProblem) => `${problem.file}:${problem.line ?? "-"} | ${problem.tenant ?? "-"} | ${problem.field} | ${problem.rule}`);
  }
  return [];
}

describe("the sample sharded layout (examples/gitops)", () => {
  it("is valid as a whole: one shard per tenants file, each with its stack, file, tenants and secret references", () => {
    const set = loadShards(path.join(SAMPLE_LAYOUT, "shards.yaml"));
    expect(set.shards.map(({ name, stack, stackName, tenantsFile, tenantKeys, secretReferences }) => ({ name, stack, stackName, tenantsFile, tenantKeys, secretReferences }))).toEqual([
      { name: "a-h", stack: "acme-saas/scalekit-onboarding/prod-a-h", stackName: "prod-a-h", tenantsFile: "tenants/a-h.yaml", tenantKeys: ["acme", "globex"], secretReferences: [{ env: "GLOBEX_ENTRA_CLIENT_SECRET" }] },
      { name: "i-r", stack: "acme-saas/scalekit-onboarding/prod-i-r", stackName: "prod-i-r", tenantsFile: "tenants/i-r.yaml", tenantKeys: ["initech", "massive-dynamic"], secretReferences: [] },
      { name: "s-z", stack: "acme-saas/scalekit-onboarding/prod-s-z", stackName: "prod-s-z", tenantsFile: "tenants/s-z.yaml", tenantKeys: ["umbrella"], secretReferences: [{ config: "umbrellaOktaClientSecret" }] },
    ]);
    expect(set.shardsAtOnce).toBe(2);
  });
});

describe("rules across shards", () => {
  it("lists every clash of keys, domains, external ids and slugs between files at once, naming both places", () => {
    const root = layouts.copy({
      "tenants/i-r.yaml": `tenants:
  - key: initech
    name: Initech
    domains: [initech.com, acmecorp.com]
  - key: acme
    name: Acme again
    externalId: acme-eu
  - key: massive-dynamic
    name: Massive Dynamic
    externalId: acme-123
    slug: massive
`,
      "tenants/s-z.yaml": `tenants:
  - key: soylent
    name: Soylent
    slug: massive
    domains: [initech.com]
`,
    });
    expect(problemsOf(root)).toEqual([
      "tenants/i-r.yaml:4 | initech | domains.1 | acmecorp.com is already a domain of tenant acme (tenants/a-h.yaml:3); a domain belongs to one organization",
      "tenants/i-r.yaml:5 | acme | key | acme is already the key of tenant acme (tenants/a-h.yaml:3); keys must be unique; a tenant moves between shards in two steps, and is in one file at a time (docs/onboarding.md#moving-a-tenant-to-another-shard)",
      "tenants/i-r.yaml:10 | massive-dynamic | externalId | external id acme-123 is already used by tenant acme (tenants/a-h.yaml:3)",
      "tenants/s-z.yaml:4 | soylent | slug | slug massive is already used by tenant massive-dynamic (tenants/i-r.yaml:8)",
      "tenants/s-z.yaml:5 | soylent | domains.0 | initech.com is already a domain of tenant initech (tenants/i-r.yaml:2); a domain belongs to one organization",
    ]);
  });

  it("reports a clash inside one file once, as that file's own check does", () => {
    const root = layouts.copy({ "tenants/s-z.yaml": `tenants:\n  - key: soylent\n    name: Soylent\n    domains: [soylent.com]\n  - key: stark\n    name: Stark\n    domains: [soylent.com]\n` });
    expect(problemsOf(root)).toEqual(["tenants/s-z.yaml:7 | stark | domains.0 | soylent.com is already a domain of tenant soylent (#1); a domain belongs to one organization"]);
  });

  it("lists problems of the declaration and of every file together, in the tenants file's format", () => {
    const root = layouts.copy({
      "shards.yaml": sample("shards.yaml")
        .replace("prod-{shard}", "prod")
        .replace("shardsAtOnce: 2", "shardsAtOnce: 0\nregion: eu")
        .replace("namespace: scalekit-onboarding", "namespace: Scalekit_Onboarding"),
      "tenants/Bad_Name.yaml": "tenants: []\n",
      "tenants/i-r.yaml": "tenants:\n  - key: initech\n    name: Initech\n    domains: [gmail.com]\n",
    });
    const problems = problemsOf(root);
    expect(problems).toEqual([
      "shards.yaml:5 | - | stack | must contain {shard}, which becomes each shard's name (e.g. acme-saas/scalekit-onboarding/prod-{shard})",
      "shards.yaml:7 | - | shardsAtOnce | must be at least 1",
      "shards.yaml:8 | - | region | is not a known field",
      "shards.yaml:18 | - | kubernetes.namespace | must be a DNS label: lower-case letters, digits and hyphens, at most 63",
      "tenants/Bad_Name.yaml:- | - |  | the file name must be a shard name (1–42 lower-case letters, digits and hyphens, starting and ending with a letter or digit) followed by .yaml",
      "tenants/i-r.yaml:4 | initech | domains.0 | public or disposable email domains (gmail.com, outlook.com, …) cannot belong to an organization",
    ]);
    expect(() => loadShards(path.join(root, "shards.yaml"))).toThrow(/^shards\.yaml and its tenants files have 6 problems; nothing was changed:\n  - shards\.yaml:5: stack: must contain \{shard\}/);
  });

  it("refuses a stack name the operator cannot name a Stack object after, and a cap below one request per shard", () => {
    const root = layouts.copy({
      "shards.yaml": sample("shards.yaml").replace("prod-{shard}", "production-onboarding-of-enterprise-customers-{shard}").replace("requestsPerMinute: 600", "requestsPerMinute: 2"),
    });
    expect(problemsOf(root)).toEqual([
      "shards.yaml:5 | - | stack | gives shard a-h the stack name production-onboarding-of-enterprise-customers-a-h, which cannot name its Kubernetes Stack object: at most 42 lower-case letters, digits, hyphens and dots",
      "shards.yaml:5 | - | stack | gives shard i-r the stack name production-onboarding-of-enterprise-customers-i-r, which cannot name its Kubernetes Stack object: at most 42 lower-case letters, digits, hyphens and dots",
      "shards.yaml:5 | - | stack | gives shard s-z the stack name production-onboarding-of-enterprise-customers-s-z, which cannot name its Kubernetes Stack object: at most 42 lower-case letters, digits, hyphens and dots",
      "shards.yaml:6 | - | requestsPerMinute | 2 requests per minute shared by 3 shards at once leaves less than 1 per shard",
    ]);
  });

  it("checks the declaration's YAML as a tenants file's: refused keys, unknown tags, duplicate keys, alias bombs", () => {
    const declaration = sample("shards.yaml");
    expect(problemsOf(layouts.copy({ "shards.yaml": `${declaration}__proto__: { polluted: true }\n` }))).toEqual([
      expect.stringMatching(/^shards\.yaml:\d+ \| - \| __proto__ \| "__proto__" is refused as a key/),
    ]);
    expect(problemsOf(layouts.copy({ "shards.yaml": declaration.replace(/^stack: (.*)$/m, "stack: !vault $1") }))).toEqual([
      expect.stringMatching(/^shards\.yaml:\d+ \| - \| stack \| has the tag !vault, which is not a YAML type/),
    ]);
    expect(problemsOf(layouts.copy({ "shards.yaml": `${declaration}shardsAtOnce: 3\n` }))).toEqual([
      expect.stringMatching(/^shards\.yaml:\d+ \| - \| shardsAtOnce \| appears twice in the same mapping/),
    ]);
    const bomb = ["a: &a [x, x, x, x, x, x, x, x, x, x]", ...["b", "c", "d"].map((name, index) => `${name}: &${name} [${Array(10).fill(`*${"abc"[index]}`).join(", ")}]`)].join("\n");
    expect(problemsOf(layouts.copy({ "shards.yaml": `${declaration}bomb:\n  ${bomb.replace(/\n/g, "\n  ")}\n` }))).toEqual([
      expect.stringMatching(/aliases \(\*name\) expand to more than 100 copies/),
    ]);
  });

  it("needs a readable declaration and at least one shard", () => {
    expect(problemsOf(layouts.copy({ "shards.yaml": null }))).toEqual(["shards.yaml:- | - |  | cannot be read (ENOENT)"]);
    const empty = layouts.copy({ "tenants/a-h.yaml": null, "tenants/i-r.yaml": null, "tenants/s-z.yaml": null });
    expect(problemsOf(empty)).toEqual(["shards.yaml:4 | - | tenants | the folder tenants has no tenants files; each shard is a file tenants/<shard>.yaml"]);
  });
});
