import { execFile } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { chromium, type BrowserContext, type Page } from "playwright-core";
import { parse, stringify } from "yaml";
import { startEmulator, type Emulator } from "../../emulator";
import type { ScalekitClient } from "../../provider/api/client";
import { connectionKeyId } from "../../provider/tenant/tenant-key";
import { builtFile } from "../../scripts/package-root";
import { selfSignedCertificate } from "../helpers/certificates";
import { clientFor } from "../helpers/emulator";
import { setDomainVerification } from "../helpers/emulator-records";

/**
 * `npm run health` against an emulator seeded with one healthy tenant and one of each problem: an IdP
 * certificate expiring in 10 days, a connection disabled in Scalekit, a domain pending DNS
 * verification, an organization renamed in the dashboard, and a tenant Scalekit does not have.
 */
const DAY = 86_400_000;
const CHROMIUM = "/usr/bin/chromium";
// For a person to look at after a run; no test reads it.
const SCREENSHOT = path.join(tmpdir(), "pulumi-scalekit-health-page.png");

let directory: string;
let emulator: Emulator;
let client: ScalekitClient;
let tenantsFile: string;
/** Values that must never appear in a report: the API secret and the DNS TXT values. */
const secrets: string[] = [];

interface SeededTenant {
  key: string;
  name: string;
  domains: Array<{ domain: string; type?: "ORGANIZATION_DOMAIN" | "ALLOWED_EMAIL_DOMAIN"; status?: "PENDING" | "VERIFIED" }>;
  sso?: { provider: string; saml?: Record<string, string>; oidc?: Record<string, string>; enabled: boolean };
}

async function seed(tenant: SeededTenant, dataFile: string): Promise<void> {
  const organization = await client.organizations.create({ display_name: tenant.name, external_id: tenant.key });
  for (const { domain, type = "ORGANIZATION_DOMAIN", status = "VERIFIED" } of tenant.domains) {
    const created = await client.domains.create(organization.id, { domain, domain_type: type });
    if (created.txt_record_secret) secrets.push(created.txt_record_secret);
    if (type === "ORGANIZATION_DOMAIN") setDomainVerification(dataFile, created.id, status, status === "PENDING" ? "DNS" : "ADMIN");
  }
  if (!tenant.sso) return;
  const protocol = tenant.sso.saml ? "SAML" : "OIDC";
  const shell = await client.connections.create(organization.id, { provider: tenant.sso.provider as never, type: protocol, key_id: connectionKeyId(tenant.key, tenant.sso.provider, protocol) });
  await client.connections.update(organization.id, shell.id, tenant.sso.saml ? { saml_config: tenant.sso.saml } : { oidc_config: tenant.sso.oidc });
  if (tenant.sso.enabled) await client.connections.enable(organization.id, shell.id);
}

beforeAll(async () => {
  directory = mkdtempSync(path.join(tmpdir(), "tenant-health-"));
  const dataFile = path.join(directory, "scalekit.db");
  emulator = await startEmulator({ seed: 13, dataFile });
  client = clientFor(emulator);
  secrets.push(emulator.clientSecret);
  const certificate = async (name: string, days: number) => (await selfSignedCertificate({ commonName: name, notAfter: new Date(Date.now() + days * DAY + 3_600_000) })).cert;
  const [acmeCert, globexCert, hooliCert] = await Promise.all([certificate("Acme IdP", 365), certificate("Globex IdP", 10), certificate("Hooli IdP", 200)]);
  const saml = (host: string, cert: string) => ({ entityId: `https://${host}/entity`, ssoUrl: `https://${host}/sso`, certificate: cert });
  const wire = (settings: ReturnType<typeof saml>) => ({ idp_entity_id: settings.entityId, idp_sso_url: settings.ssoUrl, idp_certificate: settings.certificate });
  const initechOidc = { issuer: "https://login.microsoftonline.com/initech/v2.0", clientId: "6d1c0a7e-initech" };

  // The file: what the team declared.
  writeFileSync(
    (tenantsFile = path.join(directory, "tenants.yaml")),
    stringify({
      tenants: [
        { key: "acme", name: "Acme Corp", domains: ["acmecorp.com"], sso: { provider: "OKTA", saml: saml("idp.acme.test", acmeCert) } },
        { key: "globex", name: "Globex", domains: ["globex.com"], sso: { provider: "ADFS", saml: saml("adfs.globex.test", globexCert) } },
        { key: "initech", name: "Initech", domains: ["initech.com"], sso: { provider: "MICROSOFT_AD", oidc: { ...initechOidc, clientSecret: { env: "INITECH_ENTRA_SECRET" } } } },
        {
          key: "umbrella",
          name: "Umbrella",
          domains: ["umbrella.com", { domain: "umbrella.io", type: "ALLOWED_EMAIL_DOMAIN" }],
          sso: { provider: "OKTA", saml: { metadataUrl: "https://umbrella.okta.test/app/metadata" } },
        },
        { key: "hooli", name: "Hooli", domains: ["hooli.com"], sso: { provider: "GOOGLE", saml: saml("idp.hooli.test", hooliCert) } },
        { key: "vandelay", name: "Vandelay Industries", domains: ["vandelay.com"] },
      ],
    }),
  );

  // Scalekit: what is really there.
  await seed({ key: "acme", name: "Acme Corp", domains: [{ domain: "acmecorp.com" }], sso: { provider: "OKTA", saml: wire(saml("idp.acme.test", acmeCert)), enabled: true } }, dataFile);
  await seed({ key: "globex", name: "Globex", domains: [{ domain: "globex.com" }], sso: { provider: "ADFS", saml: wire(saml("adfs.globex.test", globexCert)), enabled: true } }, dataFile);
  await seed(
    { key: "initech", name: "Initech", domains: [{ domain: "initech.com" }], sso: { provider: "MICROSOFT_AD", oidc: { issuer: initechOidc.issuer, client_id: initechOidc.clientId, client_secret: "entra-secret" }, enabled: false } },
    dataFile,
  );
  await seed(
    {
      key: "umbrella",
      name: "Umbrella",
      domains: [{ domain: "umbrella.com", status: "PENDING" }, { domain: "umbrella.io", type: "ALLOWED_EMAIL_DOMAIN" }],
      sso: { provider: "OKTA", saml: { idp_metadata_url: "https://umbrella.okta.test/app/metadata" }, enabled: true },
    },
    dataFile,
  );
  await seed({ key: "hooli", name: "Hooli XYZ", domains: [{ domain: "hooli.com" }], sso: { provider: "GOOGLE", saml: wire(saml("idp.hooli.test", hooliCert)), enabled: true } }, dataFile);
  secrets.push(...(await client.domains.listPage((await client.organizations.getByExternalId("umbrella")).id)).map((domain) => domain.txt_record_secret ?? "").filter(Boolean));
}, 60_000);

afterAll(async () => {
  await client?.close();
  await emulator?.close();
  rmSync(directory, { recursive: true, force: true });
});

interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

const credentials = () => ({ SCALEKIT_ENVIRONMENT_URL: emulator.url, SCALEKIT_CLIENT_ID: emulator.clientId, SCALEKIT_CLIENT_SECRET: emulator.clientSecret });

/** The package's built `pulumi-scalekit health`, as a user runs it, with credentials in the environment. */
function health(args: string[], env: NodeJS.ProcessEnv = credentials(), cwd = directory): Promise<CliRun> {
  const { SCALEKIT_ENVIRONMENT_URL: _url, SCALEKIT_CLIENT_ID: _id, SCALEKIT_CLIENT_SECRET: _secret, INIT_CWD: _typedIn, ...inherited } = process.env;
  return new Promise((resolve) => {
    execFile(process.execPath, [builtFile("provider/cli/main.js"), "health", ...args], { cwd, env: { ...inherited, ...env } }, (error, stdout, stderr) =>
      resolve({ code: error ? Number(error.code) : 0, stdout, stderr }),
    );
  });
}

const EXPECTED_PROBLEMS = {
  acme: [],
  globex: [expect.stringMatching(/^IdP signing certificate expires in 10 days \(\d{4}-\d{2}-\d{2}\); ask the customer's IT admin for the new one$/)],
  initech: ["SSO connection is disabled in Scalekit, enabled in the file"],
  umbrella: [expect.stringMatching(/^domain umbrella\.com is not verified \(pending\), so its users are not routed to SSO/)],
  hooli: ['displayName is "Hooli XYZ" in Scalekit, "Hooli" in the file'],
  vandelay: ["not in Scalekit: no organization has external id vandelay (`pulumi up` creates it)"],
};

describe("the terminal report", () => {
  let run: CliRun;
  let requests: string[];
  beforeAll(async () => {
    const start = emulator.requestLog.length;
    run = await health(["--tenants", tenantsFile, "--html", path.join(directory, "health.html")]);
    requests = emulator.requestLog.slice(start).map((entry) => `${entry.method} ${entry.path}`);
  });

  test("only reads: one token, then GET requests", () => {
    expect(requests.filter((request) => !request.startsWith("GET "))).toEqual(["POST /oauth/token"]);
    expect(requests.length).toBeGreaterThan(20);
  });

  test("prints one line per tenant, in file order, flags exactly the seeded problems and exits 1", () => {
    expect(run.code).toBe(1);
    const lines = run.stdout.trimEnd().split("\n");
    expect(lines.map((line) => line.split(/\s+/).slice(0, 2).join(" "))).toEqual([
      "ok acme",
      "ACTION globex",
      "ACTION initech",
      "ACTION umbrella",
      "ACTION hooli",
      "ACTION vandelay",
    ]);
    expect(lines[0]).toMatch(/^ok\s+acme\s+org_\w+\s+SAML OKTA enabled COMPLETED\s+cert 365 d\s+domains 1\/1 verified$/);
    expect(lines[1]).toMatch(/cert 10 d\s+domains 1\/1 verified\s+\| IdP signing certificate expires in 10 days/);
    expect(lines[2]).toMatch(/OIDC MICROSOFT_AD disabled COMPLETED\s+cert -\s+domains 1\/1 verified\s+\| SSO connection is disabled in Scalekit, enabled in the file$/);
    expect(lines[3]).toMatch(/SAML OKTA enabled COMPLETED\s+cert -\s+domains 1\/2 verified\s+\| domain umbrella\.com is not verified \(pending\)/);
    expect(lines[4]).toMatch(/\| displayName is "Hooli XYZ" in Scalekit, "Hooli" in the file$/);
    expect(lines[5]).toBe("ACTION  vandelay  | not in Scalekit: no organization has external id vandelay (`pulumi up` creates it)");
    expect(run.stderr).toContain("5 of 6 tenants need action");
  });

  test("--json gives the same rows, with exactly the seeded problems", async () => {
    const json = await health(["--tenants", tenantsFile, "--json"]);
    expect(json.code).toBe(1);
    const rows: Array<{ key: string; problems: Array<{ kind: string; message: string }> }> = JSON.parse(json.stdout);
    expect(Object.fromEntries(rows.map((row) => [row.key, row.problems.map((problem) => problem.message)]))).toEqual(EXPECTED_PROBLEMS);
    expect(Object.fromEntries(rows.map((row) => [row.key, row.problems.map((problem) => problem.kind)]))).toEqual({
      acme: [],
      globex: ["certificate"],
      initech: ["drift"],
      umbrella: ["domain"],
      hooli: ["drift"],
      vandelay: ["missing"],
    });
  });

  test("no secret reaches the terminal or the page (API secret, DNS TXT values)", () => {
    const page = readFileSync(path.join(directory, "health.html"), "utf8");
    for (const secret of secrets) {
      expect(run.stdout + run.stderr).not.toContain(secret);
      expect(page).not.toContain(secret);
    }
  });

  test("a file of healthy tenants exits 0; no credentials or a broken file exit 2, saying why", async () => {
    const healthy = path.join(directory, "healthy.yaml");
    const broken = path.join(directory, "broken.yaml");
    const sample = readFileSync(tenantsFile, "utf8");
    writeFileSync(healthy, sample.slice(0, sample.indexOf("  - key: globex")));
    writeFileSync(broken, "tenants:\n  - key: Not A Key\n    name: x\n");
    const ok = await health(["--tenants", healthy]);
    expect(ok).toMatchObject({ code: 0, stderr: expect.stringContaining("all 1 tenants are healthy") });
    expect(ok.stdout.trimEnd().split("\n")).toHaveLength(1);
    expect(await health(["--tenants", healthy], {})).toMatchObject({ code: 2, stderr: expect.stringContaining("missing scalekit:environmentUrl (or SCALEKIT_ENVIRONMENT_URL)") });
    expect(await health(["--tenants", broken])).toMatchObject({ code: 2, stderr: expect.stringContaining("tenant Not A Key, key: must be 1–63 lower-case letters") });
    expect(await health(["--tenants", healthy, "--shards", "shards.yaml"])).toMatchObject({ code: 2, stderr: expect.stringContaining("--tenants and --shards: give one of them\nusage: pulumi-scalekit health") });
  });

  test("without --tenants, the project's tenants.yaml", async () => {
    const project = mkdtempSync(path.join(tmpdir(), "health-project-"));
    try {
      writeFileSync(path.join(project, "Pulumi.yaml"), "name: onboarding\nruntime: nodejs\n");
      writeFileSync(path.join(project, "tenants.yaml"), readFileSync(tenantsFile, "utf8"));
      mkdirSync(path.join(project, "stack"));
      const run = await health(["--json"], credentials(), path.join(project, "stack"));
      expect(run.code).toBe(1);
      expect(JSON.parse(run.stdout).map((row: { key: string }) => row.key)).toEqual(Object.keys(EXPECTED_PROBLEMS));
    } finally {
      rmSync(project, { recursive: true, force: true });
    }
  });
});

describe("across shards", () => {
  /** The same six tenants split over two shards: a-h (acme, globex, hooli) and i-z (initech, umbrella, vandelay). */
  let layout: string;
  beforeAll(() => {
    layout = mkdtempSync(path.join(tmpdir(), "health-shards-"));
    const tenants = (parse(readFileSync(tenantsFile, "utf8")) as { tenants: Array<{ key: string }> }).tenants;
    mkdirSync(path.join(layout, "tenants"));
    const shard = (keys: string[]) => stringify({ tenants: tenants.filter((tenant) => keys.includes(tenant.key)) });
    writeFileSync(path.join(layout, "tenants", "a-h.yaml"), shard(["acme", "globex", "hooli"]));
    writeFileSync(path.join(layout, "tenants", "i-z.yaml"), shard(["initech", "umbrella", "vandelay"]));
    writeFileSync(path.join(layout, "shards.yaml"), "stack: acme-saas/onboarding/prod-{shard}\nrequestsPerMinute: 600\nshardsAtOnce: 2\ngithub:\n  matrix: .github/scalekit-shards.json\n");
  });
  afterAll(() => rmSync(layout, { recursive: true, force: true }));

  test("--shards: every shard's tenants, each row naming its shard, exactly the seeded problems", async () => {
    const run = await health(["--shards", path.join(layout, "shards.yaml"), "--json"]);
    expect(run.code).toBe(1);
    const rows: Array<{ key: string; shard: string; problems: Array<{ message: string }> }> = JSON.parse(run.stdout);
    expect(rows.map((row) => [row.shard, row.key])).toEqual([
      ["a-h", "acme"],
      ["a-h", "globex"],
      ["a-h", "hooli"],
      ["i-z", "initech"],
      ["i-z", "umbrella"],
      ["i-z", "vandelay"],
    ]);
    expect(Object.fromEntries(rows.map((row) => [row.key, row.problems.map((problem) => problem.message)]))).toEqual(EXPECTED_PROBLEMS);
    expect(run.stderr).toContain("shard a-h (tenants/a-h.yaml): 2 of 3 tenants need action");
    expect(run.stderr).toContain("shard i-z (tenants/i-z.yaml): 3 of 3 tenants need action");
    expect(run.stderr).toContain("5 of 6 tenants need action");
  });

  test("without --tenants or --shards, the shards.yaml of the project; lines and page carry the shard", async () => {
    const page = path.join(layout, "health.html");
    const run = await health(["--html", page], credentials(), path.join(layout, "tenants"));
    expect(run.code).toBe(1);
    const lines = run.stdout.trimEnd().split("\n");
    expect(lines.map((line) => line.split(/\s+/).slice(0, 3).join(" "))).toEqual([
      "ok a-h acme",
      "ACTION a-h globex",
      "ACTION a-h hooli",
      "ACTION i-z initech",
      "ACTION i-z umbrella",
      "ACTION i-z vandelay",
    ]);
    const html = readFileSync(page, "utf8");
    expect(html).toContain('data-tenant="acme" data-shard="a-h"');
    expect(html).toContain('data-tenant="vandelay" data-shard="i-z"');
  });

  test("a layout with a problem across shards stops before any request, listing it", async () => {
    const broken = path.join(layout, "tenants", "j-k.yaml");
    writeFileSync(broken, "tenants:\n  - key: acme\n    name: Acme again\n");
    const start = emulator.requestLog.length;
    try {
      const run = await health(["--shards", path.join(layout, "shards.yaml")]);
      expect(run).toMatchObject({ code: 2, stdout: "" });
      expect(run.stderr).toContain("tenants/j-k.yaml:2: tenant acme, key: acme is already the key of tenant acme (tenants/a-h.yaml:");
      expect(emulator.requestLog.length).toBe(start);
    } finally {
      rmSync(broken);
    }
  });
});

describe("the page, in headless Chromium", () => {
  let context: BrowserContext;
  let page: Page;
  let profile: string;

  beforeAll(async () => {
    if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: install Debian's chromium package (.ci/run does when it is absent)`);
    const file = path.join(directory, "page.html");
    expect((await health(["--tenants", tenantsFile, "--html", file])).code).toBe(1);
    profile = mkdtempSync(path.join(tmpdir(), "chromium-profile-"));
    context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: true,
      viewport: { width: 1280, height: 900 },
      args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
    });
    page = await context.newPage();
    const requests: string[] = [];
    page.on("request", (request) => requests.push(request.url()));
    await page.goto(`file://${file}`);
    await page.screenshot({ path: SCREENSHOT, fullPage: true });
    // Self-contained: the page itself is the only thing loaded.
    expect(requests).toEqual([`file://${file}`]);
  }, 60_000);

  afterAll(async () => {
    await context?.close();
    if (profile) rmSync(profile, { recursive: true, force: true });
  });

  test("the table shows every tenant, and what needs action on the rows that do", async () => {
    const rows = page.locator("tbody tr");
    expect(await rows.evaluateAll((elements) => elements.map((row) => [row.getAttribute("data-tenant"), row.className]))).toEqual([
      ["acme", "ok"],
      ["globex", "action"],
      ["initech", "action"],
      ["umbrella", "action"],
      ["hooli", "action"],
      ["vandelay", "action"],
    ]);
    const text = async (key: string) => (await page.locator(`tr[data-tenant="${key}"]`).innerText()).replace(/\s+/g, " ");
    expect(await text("acme")).toMatch(/acme Acme Corp ok org_\w+ SAML · OKTA · enabled · COMPLETED \d{4}-\d{2}-\d{2} \(365 days\) acmecorp\.com ✓ —/);
    expect(await text("globex")).toContain("IdP signing certificate expires in 10 days");
    expect(await text("initech")).toContain("SSO connection is disabled in Scalekit, enabled in the file");
    expect(await text("umbrella")).toContain("umbrella.com (pending) umbrella.io ✓");
    expect(await text("hooli")).toContain('displayName is "Hooli XYZ" in Scalekit, "Hooli" in the file');
    expect(await text("vandelay")).toContain("not in Scalekit");
    expect(await page.locator(".summary").innerText()).toBe("5 of 6 tenants need action");
  });

  test("the chart shows each certificate's days left, soonest first, the one inside the threshold in red", async () => {
    const bars = await page.locator("svg.chart g.expiry").evaluateAll((groups) =>
      groups.map((group) => {
        const rect = group.querySelector("rect")!;
        const box = rect.getBoundingClientRect();
        return { tenant: group.getAttribute("data-tenant"), days: Number(group.getAttribute("data-days")), fill: getComputedStyle(rect).fill, width: box.width, visible: box.height > 0 };
      }),
    );
    expect(bars.map(({ tenant, days }) => [tenant, days])).toEqual([
      ["globex", 10],
      ["hooli", 200],
      ["acme", 365],
    ]);
    expect(bars.map((bar) => bar.fill)).toEqual(["rgb(217, 48, 37)", "rgb(46, 158, 80)", "rgb(46, 158, 80)"]);
    expect(bars.every((bar) => bar.visible)).toBe(true);
    expect(bars[0].width).toBeLessThan(bars[1].width);
    expect(bars[1].width).toBeLessThan(bars[2].width);
    // The threshold line stands between the red bar's end and the next one's.
    const threshold = await page.locator("svg.chart line.threshold").boundingBox();
    const first = await page.locator("svg.chart g.expiry rect").first().boundingBox();
    expect(threshold!.x).toBeGreaterThan(first!.x + first!.width);
    expect(await page.locator("svg.chart .threshold-label").textContent()).toBe("30 days");
  });
});
