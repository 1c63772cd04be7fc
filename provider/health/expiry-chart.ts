import type { TenantHealth } from "./tenant-health";

const ROW = 30;
const LABEL_WIDTH = 170;
const PLOT_WIDTH = 500;
const TAIL_WIDTH = 170;
const AXIS = 36;

/**
 * An inline SVG bar chart of the days until each tenant's IdP certificate expires, with the action
 * threshold drawn across it. Tenants without a certificate (OIDC, or none held) are left out.
 */
export function certificateExpiryChart(tenants: readonly TenantHealth[], thresholdDays: number): string {
  const rows = tenants
    .filter((tenant) => tenant.connection?.daysUntilCertificateExpires !== undefined)
    .map((tenant) => ({ key: tenant.key, days: tenant.connection!.daysUntilCertificateExpires!, expiresAt: tenant.connection!.certificateExpiresAt! }))
    .sort((a, b) => a.days - b.days);
  if (!rows.length) return `<p class="empty">No tenant has an IdP certificate that Scalekit reports.</p>`;
  const maxDays = Math.max(thresholdDays * 2, ...rows.map((row) => row.days), 1);
  const x = (days: number) => LABEL_WIDTH + (Math.max(0, days) / maxDays) * PLOT_WIDTH;
  const height = rows.length * ROW + AXIS;
  const bars = rows.map((row, index) => {
    const y = index * ROW;
    const soon = row.days < thresholdDays;
    const width = Math.max(2, x(row.days) - LABEL_WIDTH);
    const label = row.days < 0 ? `expired ${row.expiresAt.slice(0, 10)}` : `${row.days} days · ${row.expiresAt.slice(0, 10)}`;
    return (
      `<g class="expiry ${soon ? "soon" : "later"}" data-tenant="${escapeHtml(row.key)}" data-days="${row.days}">` +
      `<title>${escapeHtml(`${row.key}: IdP certificate ${label}`)}</title>` +
      `<text x="${LABEL_WIDTH - 8}" y="${y + 19}" text-anchor="end">${escapeHtml(row.key)}</text>` +
      `<rect x="${LABEL_WIDTH}" y="${y + 6}" width="${width.toFixed(1)}" height="${ROW - 12}" rx="3"></rect>` +
      `<text x="${(LABEL_WIDTH + width + 6).toFixed(1)}" y="${y + 19}" class="value">${escapeHtml(label)}</text>` +
      `</g>`
    );
  });
  const threshold = x(thresholdDays).toFixed(1);
  const plotBottom = rows.length * ROW;
  return (
    `<svg class="chart" role="img" aria-labelledby="chart-title" viewBox="0 0 ${LABEL_WIDTH + PLOT_WIDTH + TAIL_WIDTH} ${height}" width="100%">` +
    `<title id="chart-title">Days until each tenant's IdP signing certificate expires</title>` +
    bars.join("") +
    `<line class="threshold" x1="${threshold}" y1="0" x2="${threshold}" y2="${plotBottom}"></line>` +
    `<line class="axis" x1="${LABEL_WIDTH}" y1="${plotBottom}" x2="${LABEL_WIDTH + PLOT_WIDTH}" y2="${plotBottom}"></line>` +
    `<text x="${threshold}" y="${plotBottom + 16}" text-anchor="middle" class="threshold-label">${thresholdDays} days</text>` +
    `<text x="${LABEL_WIDTH}" y="${plotBottom + 30}" class="axis-label">0</text>` +
    `<text x="${LABEL_WIDTH + PLOT_WIDTH}" y="${plotBottom + 30}" text-anchor="end" class="axis-label">${maxDays} days</text>` +
    `</svg>`
  );
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => `&#${character.charCodeAt(0)};`);
}
