interface Cookie {
  name: string;
  value: string;
  /** Host the cookie belongs to (cookies ignore ports, RFC 6265 §8.5). */
  host: string;
  /** Domain attribute given: also sent to subdomains. */
  includeSubdomains: boolean;
  path: string;
  secure: boolean;
  /** Epoch ms; undefined for a session cookie. */
  expires?: number;
}

/**
 * The part of RFC 6265 a headless sign-in needs: host and path scoping, Max-Age/Expires (a cookie
 * set in the past deletes it), Secure. IdPs scope their interaction cookies to paths, so without
 * path matching a login form fails.
 */
export class CookieJar {
  private cookies: Cookie[] = [];

  store(url: URL, setCookieHeaders: string[]): void {
    for (const header of setCookieHeaders) {
      const cookie = parseSetCookie(url, header);
      if (!cookie) continue;
      this.cookies = this.cookies.filter((c) => !(c.name === cookie.name && c.host === cookie.host && c.path === cookie.path));
      if (cookie.expires === undefined || cookie.expires > Date.now()) this.cookies.push(cookie);
    }
  }

  /** The Cookie header for a request to `url`, longest paths first; undefined when nothing applies. */
  header(url: URL): string | undefined {
    const now = Date.now();
    this.cookies = this.cookies.filter((c) => c.expires === undefined || c.expires > now);
    const matching = this.cookies
      .filter((c) => hostMatches(url.hostname, c) && pathMatches(url.pathname, c.path) && (!c.secure || url.protocol === "https:"))
      .sort((a, b) => b.path.length - a.path.length);
    return matching.length > 0 ? matching.map((c) => `${c.name}=${c.value}`).join("; ") : undefined;
  }
}

function parseSetCookie(url: URL, header: string): Cookie | undefined {
  const [pair, ...attributes] = header.split(";").map((part) => part.trim());
  const equals = pair.indexOf("=");
  if (equals <= 0) return undefined;
  const cookie: Cookie = { name: pair.slice(0, equals), value: pair.slice(equals + 1), host: url.hostname, includeSubdomains: false, path: defaultPath(url), secure: false };
  let maxAge: number | undefined;
  for (const attribute of attributes) {
    const [rawName, ...rest] = attribute.split("=");
    const name = rawName.toLowerCase();
    const value = rest.join("=");
    if (name === "path" && value.startsWith("/")) cookie.path = value;
    else if (name === "domain" && value) {
      cookie.host = value.replace(/^\./, "").toLowerCase();
      cookie.includeSubdomains = true;
    } else if (name === "max-age" && /^-?\d+$/.test(value)) maxAge = Number(value);
    else if (name === "expires" && !Number.isNaN(Date.parse(value))) cookie.expires = Date.parse(value);
    else if (name === "secure") cookie.secure = true;
  }
  if (maxAge !== undefined) cookie.expires = Date.now() + maxAge * 1000;
  return cookie;
}

/** RFC 6265 §5.1.4: the request path up to its last slash. */
function defaultPath(url: URL): string {
  const path = url.pathname;
  return !path.startsWith("/") || path.lastIndexOf("/") === 0 ? "/" : path.slice(0, path.lastIndexOf("/"));
}

function hostMatches(host: string, cookie: Cookie): boolean {
  return host === cookie.host || (cookie.includeSubdomains && host.endsWith(`.${cookie.host}`));
}

/** RFC 6265 §5.1.4 path-match. */
function pathMatches(requestPath: string, cookiePath: string): boolean {
  if (requestPath === cookiePath) return true;
  if (!requestPath.startsWith(cookiePath)) return false;
  return cookiePath.endsWith("/") || requestPath.charAt(cookiePath.length) === "/";
}
