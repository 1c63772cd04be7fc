import { certificateExpiryChart, escapeHtml } from "./expiry-chart";
import { needsAction, type TenantHealth } from "./tenant-health";
import { healthSummary } from "./text-report";

export interface HealthPageOptions {
  /** The Scalekit environment the tenants were read from (its origin; no credentials). */
  environmentUrl: string;
  certificateDays: number;
  generatedAt: Date;
}

const STYLE = `
body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; margin: 24px 32px; color: #1d2330; background: #fff; }
h1 { font-size: 22px; margin: 0 0 4px; } h2 { font-size: 16px; margin: 28px 0 8px; }
.meta { color: #5b6577; margin: 0 0 12px; }
.summary { display: inline-block; padding: 6px 12px; border-radius: 6px; font-weight: 600; }
.summary.bad { background: #fde8e8; color: #9b1c1c; } .summary.good { background: #e3f6ea; color: #146c2e; }
table { border-collapse: collapse; width: 100%; }
th, td { text-align: left; padding: 7px 10px; border-bottom: 1px solid #e3e7ee; vertical-align: top; }
th { background: #f4f6f9; font-weight: 600; }
tr.action td:first-child { border-left: 4px solid #d93025; } tr.ok td:first-child { border-left: 4px solid #2e9e50; }
.state { font-weight: 600; } tr.action .state { color: #b3261e; } tr.ok .state { color: #1e7a3c; }
ul.problems { margin: 0; padding-left: 18px; } .muted { color: #8a93a3; }
svg.chart { max-width: 860px; font-size: 12px; }
svg.chart .soon rect { fill: #d93025; } svg.chart .later rect { fill: #2e9e50; }
svg.chart .threshold { stroke: #b06000; stroke-dasharray: 4 3; stroke-width: 1.5; } svg.chart .axis { stroke: #9aa3b2; }
svg.chart .value, svg.chart .axis-label { fill: #5b6577; } svg.chart .threshold-label { fill: #b06000; }
`;

/** A self-contained page (no external assets): the health table and a chart of certificate expiry dates. */
export function healthPage(tenants: readonly TenantHealth[], options: HealthPageOptions): string {
  const flagged = tenants.some(needsAction);
  const rows = tenants.map(tableRow).join("\n");
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Scalekit tenant health</title>
<style>${STYLE}</style>
</head>
<body>
<h1>Scalekit tenant health</h1>
<p class="meta">${escapeHtml(options.environmentUrl)} · ${escapeHtml(options.generatedAt.toISOString().replace("T", " ").slice(0, 16))} UTC · certificates need action within ${options.certificateDays} days</p>
<p class="summary ${flagged ? "bad" : "good"}">${escapeHtml(healthSummary(tenants))}</p>
<h2>IdP certificate expiry</h2>
${certificateExpiryChart(tenants, options.certificateDays)}
<h2>Tenants</h2>
<table>
<thead><tr><th>Tenant</th><th>State</th><th>Organization</th><th>SSO connection</th><th>Certificate expires</th><th>Domains</th><th>Needs action</th></tr></thead>
<tbody>
${rows}
</tbody>
</table>
</body>
</html>
`;
}

function tableRow(tenant: TenantHealth): string {
  const action = needsAction(tenant);
  const connection = tenant.connection;
  const cells = [
    `<strong>${escapeHtml(tenant.key)}</strong><br><span class="muted">${escapeHtml(tenant.name)}</span>` +
      (tenant.shard ? `<br><span class="muted shard">shard ${escapeHtml(tenant.shard)}</span>` : ""),
    `<span class="state">${action ? "needs action" : "ok"}</span>`,
    tenant.organizationId ? escapeHtml(tenant.organizationId) : `<span class="muted">not in Scalekit</span>`,
    connection
      ? escapeHtml(`${connection.protocol} · ${connection.provider} · ${connection.enabled ? "enabled" : "disabled"} · ${connection.status ?? "unknown"}`)
      : `<span class="muted">none</span>`,
    connection?.certificateExpiresAt
      ? escapeHtml(`${connection.certificateExpiresAt.slice(0, 10)} (${connection.daysUntilCertificateExpires} days)`)
      : `<span class="muted">—</span>`,
    tenant.domains.length
      ? tenant.domains.map((domain) => escapeHtml(`${domain.domain} ${domain.verified ? "✓" : `(${(domain.verificationStatus ?? "unverified").toLowerCase()})`}`)).join("<br>")
      : `<span class="muted">none</span>`,
    tenant.problems.length ? `<ul class="problems">${tenant.problems.map((problem) => `<li>${escapeHtml(problem.message)}</li>`).join("")}</ul>` : `<span class="muted">—</span>`,
  ];
  const shard = tenant.shard ? ` data-shard="${escapeHtml(tenant.shard)}"` : "";
  return `<tr class="${action ? "action" : "ok"}" data-tenant="${escapeHtml(tenant.key)}"${shard}>${cells.map((cell) => `<td>${cell}</td>`).join("")}</tr>`;
}
