const LOOPBACK_HOSTS = new Set(["localhost", "127.0.0.1", "[::1]", "::1"]);

function isLoopback(hostname: string): boolean {
  return LOOPBACK_HOSTS.has(hostname) || /^127(\.\d{1,3}){3}$/.test(hostname);
}

/**
 * Validates a Scalekit environment URL (https://<env>.scalekit.dev|.com or a custom domain) and returns
 * its canonical form: origin only, no trailing slash. Plain http is accepted for loopback hosts only
 * (the local emulator).
 */
export function parseEnvironmentUrl(raw: string): string {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    throw new Error(`environment URL ${JSON.stringify(raw)} is not a valid URL (expected https://<env>.scalekit.com)`);
  }
  if (url.protocol !== "https:" && !(url.protocol === "http:" && isLoopback(url.hostname))) {
    throw new Error(`environment URL ${url.origin} must use https (plain http is allowed only for loopback hosts)`);
  }
  if (url.username || url.password) throw new Error("environment URL must not contain credentials");
  if ((url.pathname !== "/" && url.pathname !== "") || url.search || url.hash) {
    throw new Error(`environment URL must be an origin without path, query or fragment, got ${JSON.stringify(raw)}`);
  }
  return url.origin;
}
