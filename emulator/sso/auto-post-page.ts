import type { Reply } from "../http/route-table";
import { escapeHtml } from "../oauth/authorize/pages";

/** The HTTP-POST binding: a page whose form the browser submits to `action` on load. */
export function autoPostPage(action: string, fields: Record<string, string>): Reply {
  const inputs = Object.entries(fields)
    .map(([name, value]) => `  <input type="hidden" name="${escapeHtml(name)}" value="${escapeHtml(value)}">`)
    .join("\n");
  return {
    status: 200,
    html: `<!DOCTYPE html>
<html lang="en">
<head><meta charset="utf-8"><title>Continue</title></head>
<body onload="document.forms[0].submit()">
<form method="post" action="${escapeHtml(action)}">
${inputs}
  <noscript><button type="submit">Continue</button></noscript>
</form>
</body>
</html>
`,
  };
}
