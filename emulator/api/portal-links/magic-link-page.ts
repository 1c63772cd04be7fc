import type { OrganizationRecord } from "../organizations/record";

/** The stand-in for the admin portal a magic link opens: proof that a session started. */
export function adminPortalSessionPage(org: OrganizationRecord | undefined, features: string[]): string {
  const name = escapeHtml(org?.display_name ?? "unknown organization");
  const list = features.length > 0 ? features.map(escapeHtml).join(", ") : "all";
  return `<!doctype html>
<html><head><meta charset="utf-8"><title>Admin Portal</title></head>
<body><h1>Admin portal session</h1>
<p>Organization: <strong>${name}</strong> (${escapeHtml(org?.id ?? "")})</p>
<p>Features: ${list}</p>
<p>This is the Scalekit emulator: the session would last 6 hours.</p></body></html>
`;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
