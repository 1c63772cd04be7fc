import type { RequestLogEntry } from "pulumi-scalekit-emulator";
import type { BrowserHop } from "./browser/headless-browser";
import type { Hop } from "./sequence";

/** Names the demo's servers by origin, for hops that only know a URL. */
export class Parties {
  private readonly names = new Map<string, string>();
  /** Requests to Scalekit the MCP client or the browser made, so the emulator's log does not show them twice. */
  private readonly seenAtScalekit = new Map<string, number>();
  private logCursor = 0;

  constructor(private readonly scalekitUrl: string) {
    this.names.set(new URL(scalekitUrl).origin, "Scalekit");
  }

  name(origin: string, name: string): void {
    this.names.set(new URL(origin).origin, name);
  }

  nameOf(url: URL): string {
    return this.names.get(url.origin) ?? url.origin;
  }

  /** A request of the MCP client (its SDK's fetch). */
  clientHop(url: URL, method: string, status: number, startedAt: number): Hop {
    this.noteScalekit(url, method);
    return { from: "MCP client", to: this.nameOf(url), channel: "machine", method, target: url.pathname, status, startedAt };
  }

  browserHop(hop: BrowserHop): Hop {
    this.noteScalekit(hop.url, hop.method);
    const note = hop.location ? `→ ${this.nameOf(hop.location)} ${shorten(hop.location.pathname, 40)}` : hop.title ? `(${hop.title})` : undefined;
    return { from: "browser", to: this.nameOf(hop.url), channel: "browser", method: hop.method, target: hop.url.pathname + shortQuery(hop.url), status: hop.status, note, startedAt: hop.startedAt };
  }

  /** New finished entries of the emulator's log that nobody else reported: calls of `caller` (the provider, the MCP server). */
  unseenScalekitCalls(log: readonly RequestLogEntry[], caller: string): Hop[] {
    const hops: Hop[] = [];
    for (; this.logCursor < log.length && log[this.logCursor].status !== 0; this.logCursor++) {
      const entry = log[this.logCursor];
      const key = `${entry.method} ${entry.path}`;
      const seen = this.seenAtScalekit.get(key) ?? 0;
      if (seen > 0) {
        this.seenAtScalekit.set(key, seen - 1);
        continue;
      }
      hops.push({ from: caller, to: "Scalekit", channel: "machine", method: entry.method, target: entry.path, status: entry.status, startedAt: entry.at });
    }
    return hops;
  }

  private noteScalekit(url: URL, method: string): void {
    if (url.origin !== new URL(this.scalekitUrl).origin) return;
    const key = `${method} ${url.pathname}`;
    this.seenAtScalekit.set(key, (this.seenAtScalekit.get(key) ?? 0) + 1);
  }
}

function shorten(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

/** The first parameter names of a query, enough to recognise a request. */
function shortQuery(url: URL): string {
  const names = [...url.searchParams.keys()];
  if (names.length === 0) return "";
  return `?${names.slice(0, 3).join("&")}${names.length > 3 ? "&…" : ""}`;
}
