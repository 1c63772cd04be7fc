import { existsSync, readFileSync, writeFileSync } from "node:fs";
import * as path from "node:path";
import { UsageError } from "../../provider/cli/command-io";
import { runShardsCommand } from "../../provider/cli/shards/command";
import { SAMPLE_LAYOUT, useLayoutCopies } from "./layouts";

const layouts = useLayoutCopies();
const OUTPUTS = [".github/scalekit-shards.json", "deploy/scalekit-shards.yaml"];

function run(cwd: string, ...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = runShardsCommand(argv, { cwd, env: {}, out: (line) => out.push(line), err: (line) => err.push(line) });
  return { code, out: out.join("\n"), err: err.join("\n") };
}

describe("npm run shards", () => {
  it("finds the committed runner configuration of the sample layout up to date", () => {
    const { code, out, err } = run(SAMPLE_LAYOUT, "--check");
    expect({ code, err }).toEqual({ code: 0, err: "" });
    expect(out).toContain("shards.yaml: 3 shards, 5 tenants, valid together.");
    expect(out).toContain("CI matrix: 2 shards at once, 300 of 600 requests/min each.");
    expect(out).toContain("Operator: every shard may run at once, 200 of 600 requests/min each.");
    for (const file of OUTPUTS) expect(out).toContain(`up to date: ${file}`);
  });

  it("a new shard: --check names the stale files, a plain run writes them, then --check passes", () => {
    const root = layouts.copy();
    writeFileSync(path.join(root, "tenants", "eu.yaml"), "tenants:\n  - key: vandelay\n    name: Vandelay Industries\n    domains: [vandelay.eu]\n");
    expect(run(root, "--check")).toMatchObject({ code: 1, err: `out of date with shards.yaml: ${OUTPUTS.join(", ")}; run \`npm run shards -- shards.yaml\` and commit the result` });
    expect(run(root)).toMatchObject({ code: 0, out: expect.stringContaining(`wrote ${OUTPUTS[0]}`) });
    const matrix = JSON.parse(readFileSync(path.join(root, OUTPUTS[0]), "utf8"));
    expect(matrix.matrix.include.map((entry: { stack: string }) => entry.stack)).toContain("acme-saas/scalekit-onboarding/prod-eu");
    expect(readFileSync(path.join(root, OUTPUTS[1]), "utf8")).toContain("name: prod-eu");
    expect(run(root, "--check").code).toBe(0);
  });

  it("a broken layout: every problem on stderr, exit 1, nothing written", () => {
    const root = layouts.copy({
      "tenants/s-z.yaml": "tenants:\n  - key: acme\n    name: Acme\n  - key: stark\n    name: Stark\n    domains: [acmecorp.com]\n",
      ".github/scalekit-shards.json": null,
    });
    const { code, err } = run(root);
    expect(code).toBe(1);
    expect(err).toBe(
      "shards.yaml and its tenants files have 2 problems; nothing was changed:\n" +
        "  - tenants/s-z.yaml:2: tenant acme, key: acme is already the key of tenant acme (tenants/a-h.yaml:3); keys must be unique; a tenant moves between shards in two steps, and is in one file at a time (docs/onboarding.md#moving-a-tenant-to-another-shard)\n" +
        "  - tenants/s-z.yaml:6: tenant stark, domains.0: acmecorp.com is already a domain of tenant acme (tenants/a-h.yaml:3); a domain belongs to one organization",
    );
    expect(existsSync(path.join(root, OUTPUTS[0]))).toBe(false);
  });

  it("run from a folder inside the project, checks the project's shards.yaml", () => {
    const { code, out } = run(path.join(SAMPLE_LAYOUT, "tenants"), "--check");
    expect(code).toBe(0);
    expect(out).toContain("shards.yaml: 3 shards, 5 tenants, valid together.");
  });

  it("refuses unknown flags, and --github-output outside GitHub Actions", () => {
    expect(() => run(SAMPLE_LAYOUT, "--chek")).toThrow(new UsageError("unknown option --chek"));
    expect(() => run(SAMPLE_LAYOUT, "shards.yaml", "other.yaml")).toThrow(new UsageError("unexpected other.yaml"));
    expect(() => run(SAMPLE_LAYOUT, "--github-output")).toThrow("--github-output needs GITHUB_OUTPUT, the step-output file GitHub Actions sets");
  });
});
