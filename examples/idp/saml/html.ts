/** A bare HTML page for the local IdP. */
export function htmlPage(title: string, body: string, bodyAttributes = ""): string {
  return `<!DOCTYPE html>
<html lang="en">
<head><meta charset="utf-8"><title>${escapeHtml(title)}</title></head>
<body ${bodyAttributes}>
<h1>${escapeHtml(title)}</h1>
${body}
</body>
</html>
`;
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}
