/** How a hop travelled: through the user's browser (front channel) or server to server (back channel). */
export type Channel = "browser" | "machine";

export interface Hop {
  from: string;
  to: string;
  channel: Channel;
  method: string;
  /** Path (and a shortened query) of the request. */
  target: string;
  status: number;
  /** Where a redirect sent the browser, or what the page was. */
  note?: string;
  startedAt: number;
}

const SETTLE_MS = 40;

/**
 * Prints hops as they happen, as a sequence diagram in text. Hops come from several places (the MCP
 * client's fetch, the browser, the IdPs' request logs, the emulator's) and may arrive slightly out of
 * order, so they are held for a few milliseconds and printed in the order they started.
 */
export class SequencePrinter {
  private pending: Hop[] = [];
  private timer?: NodeJS.Timeout;
  private readonly sources: Array<() => Hop[]> = [];

  constructor(private readonly write: (line: string) => void) {}

  /** A source read at every flush (the emulator's request log). */
  poll(source: () => Hop[]): void {
    this.sources.push(source);
  }

  record(hop: Hop): void {
    this.pending.push(hop);
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.flush(), SETTLE_MS);
    this.timer.unref();
  }

  /** Prints everything held so far; call before printing anything else. */
  flush(): void {
    clearTimeout(this.timer);
    for (const source of this.sources) this.pending.push(...source());
    const hops = this.pending.sort((a, b) => a.startedAt - b.startedAt);
    this.pending = [];
    for (const hop of hops) this.write(formatHop(hop));
  }

  /** Lets late reports arrive, then flushes. */
  async settle(): Promise<void> {
    await new Promise((resolve) => setTimeout(resolve, SETTLE_MS));
    this.flush();
  }

  line(text = ""): void {
    this.flush();
    this.write(text);
  }
}

const ARROW: Record<Channel, string> = { browser: "⇢", machine: "→" };

function formatHop(hop: Hop): string {
  const parties = `${hop.from} ${ARROW[hop.channel]} ${hop.to}`.padEnd(26);
  const request = `${hop.method.padEnd(5)} ${shorten(compactIds(hop.target), 66)}`.padEnd(72);
  return `  ${parties} ${request} ${hop.status}${hop.note ? `  ${compactIds(hop.note)}` : ""}`;
}

/** `org_54315505902949370` → `org_…9370`: the full ids are printed once, above the sequence. */
function compactIds(text: string): string {
  return text.replace(/\b([a-z]+)_\d{13}(\d{4})\b/g, "$1_…$2");
}

function shorten(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}
