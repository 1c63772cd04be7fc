import type { Reply } from "../../http/route-table";

/** The sign-in page: one email field; the domain decides the organization and its identity provider. */
export function emailPage(action: string, login: string, problem?: string): Reply {
  return page(
    200,
    "Sign in",
    `${problem ? `<p role="alert">${escapeHtml(problem)}</p>` : ""}
<form method="post" action="${escapeHtml(action)}">
  <input type="hidden" name="login" value="${escapeHtml(login)}">
  <label>Work email <input type="email" name="email" required autofocus></label>
  <button type="submit">Continue with SSO</button>
</form>`,
  );
}

/** Shown instead of redirecting when the client or its redirect URI cannot be trusted (RFC 6749 §4.1.2.1). */
export function errorPage(status: number, error: string, description: string): Reply {
  return page(status, "Sign-in error", `<p><strong>${escapeHtml(error)}</strong></p>\n<p>${escapeHtml(description)}</p>`);
}

function page(status: number, title: string, body: string): Reply {
  return {
    status,
    html: `<!DOCTYPE html>
<html lang="en">
<head><meta charset="utf-8"><title>${escapeHtml(title)} · Scalekit emulator</title></head>
<body>
<h1>${escapeHtml(title)}</h1>
${body}
</body>
</html>
`,
  };
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}
