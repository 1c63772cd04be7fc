import { CookieJar } from "./cookie-jar";
import { encodeForm, firstForm, type HtmlForm } from "./html-form";

/** One request the browser made, as it happened. */
export interface BrowserHop {
  method: string;
  url: URL;
  status: number;
  /** Where a redirect pointed. */
  location?: URL;
  /** The page's title when it answered with a page. */
  title?: string;
  startedAt: number;
  endedAt: number;
}

export interface HeadlessBrowserOptions {
  /** What the user types, by input name (`email`, `login`, `password`…); hidden inputs keep their values. */
  answers: Record<string, string>;
  onHop?: (hop: BrowserHop) => void;
  /** Sees each form just before it is submitted, and may change it (a test tampering with a SAMLResponse). */
  beforeSubmit?: (form: HtmlForm) => void;
}

/** The user agent string, so the IdPs' request logs can tell browser legs from back-channel calls. */
export const BROWSER_USER_AGENT = "pulumi-scalekit-headless-browser/1.0";
const MAX_HOPS = 40;

export class BrowserError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly body: string,
  ) {
    super(message);
  }
}

/**
 * A browser without a screen: follows redirects, keeps cookies, and submits the first form of every
 * page it lands on with the configured answers (auto-posting SAML forms included), until it is sent
 * to a URL the caller is waiting for (the MCP client's redirect URI), which it does not load.
 */
export class HeadlessBrowser {
  readonly cookies = new CookieJar();

  constructor(private readonly options: HeadlessBrowserOptions) {}

  async navigate(start: URL, arrived: (url: URL) => boolean): Promise<URL> {
    let next: { method: "GET" | "POST"; url: URL; body?: string } = { method: "GET", url: start };
    for (let hop = 0; hop < MAX_HOPS; hop++) {
      if (arrived(next.url)) return next.url;
      const { response, text, record } = await this.request(next.method, next.url, next.body);
      if (response.status >= 300 && response.status < 400 && record.location) {
        next = { method: "GET", url: record.location };
        continue;
      }
      const form = response.status === 200 ? firstForm(text, next.url) : undefined;
      if (!form) throw new BrowserError(`${next.method} ${next.url.origin}${next.url.pathname} answered ${response.status}${record.title ? ` (${record.title})` : ""}: ${visibleText(text)}`, response.status, text);
      this.fill(form);
      this.options.beforeSubmit?.(form);
      next = form.method === "POST" ? { method: "POST", url: form.action, body: encodeForm(form) } : { method: "GET", url: withQuery(form.action, encodeForm(form)) };
    }
    throw new Error(`gave up after ${MAX_HOPS} hops without reaching the expected redirect`);
  }

  private async request(method: string, url: URL, body?: string) {
    const startedAt = Date.now();
    const headers: Record<string, string> = { "user-agent": BROWSER_USER_AGENT, accept: "text/html, */*" };
    const cookie = this.cookies.header(url);
    if (cookie) headers.cookie = cookie;
    if (body !== undefined) headers["content-type"] = "application/x-www-form-urlencoded";
    const response = await fetch(url, { method, headers, body, redirect: "manual" });
    this.cookies.store(url, response.headers.getSetCookie());
    const text = await response.text();
    const location = response.headers.get("location");
    const record: BrowserHop = {
      method,
      url,
      status: response.status,
      location: location ? new URL(location, url) : undefined,
      title: /<title>([^<]*)<\/title>/i.exec(text)?.[1],
      startedAt,
      endedAt: Date.now(),
    };
    this.options.onHop?.(record);
    return { response, text, record };
  }

  private fill(form: HtmlForm): void {
    for (const field of form.fields) {
      if (field.type === "hidden" || field.type === "submit") continue;
      const answer = this.options.answers[field.name];
      if (answer !== undefined) field.value = answer;
      else if (field.required && field.value === "") throw new Error(`the page at ${form.action.origin} asks for "${field.name}", which the browser has no answer for`);
    }
  }
}

function withQuery(url: URL, query: string): URL {
  const target = new URL(url);
  target.search = query;
  return target;
}

function visibleText(html: string): string {
  return html.replace(/<(script|style)[\s\S]*?<\/\1>/gi, " ").replace(/<[^>]+>/g, " ").replace(/\s+/g, " ").trim().slice(0, 300);
}
