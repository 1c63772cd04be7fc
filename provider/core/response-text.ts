/** Reading what came back (or did not) from an HTTP exchange. */

export function networkMessage(cause: unknown): string {
  const error = cause as { code?: string; message?: string };
  return `${error.code ?? "network error"}: ${error.message ?? String(cause)}`;
}

export function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
