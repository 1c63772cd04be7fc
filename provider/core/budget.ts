import { sleep } from "./retry";
import { PACING } from "./retry-policy";

interface Outcome {
  at: number;
  throttled: boolean;
}

/**
 * A process-wide request budget shared by every caller of one environment. Requests are spaced
 * (GCRA: each reserves the next free slot, with a small burst) to at most the configured
 * requests-per-minute. When the server is saturated (many 429s) the budget paces every caller just
 * below the rate the server accepted, then recovers slowly: a large `up` against a rate-limited API
 * slows down to the limit instead of failing, or bursting into it again and again. The numbers, and
 * why they are what they are, are PACING in retry-policy.ts.
 */
export class RequestBudget {
  private theoreticalArrival = 0;
  private pace: number;
  private lastAdjustment: number;
  private lastSlowdown = Number.NEGATIVE_INFINITY;
  private readonly outcomes: Outcome[] = [];

  constructor(
    private readonly cap = Number.POSITIVE_INFINITY,
    private readonly burst: number = PACING.burst,
    private readonly now: () => number = Date.now,
  ) {
    if (!(cap > 0)) throw new Error(`requestsPerMinute must be positive, got ${cap}`);
    this.pace = cap;
    this.lastAdjustment = now();
  }

  /** The current pace in requests per minute (Infinity when nothing limits it). */
  get requestsPerMinute(): number {
    return this.pace;
  }

  /** Milliseconds the caller must wait before sending; the slot is reserved on return. */
  reserve(): number {
    this.recover();
    const interval = Number.isFinite(this.pace) ? 60_000 / this.pace : 0;
    const now = this.now();
    const arrival = Math.max(this.theoreticalArrival, now);
    const allowedAt = Math.max(arrival - interval * Math.max(0, this.burst - 1), now);
    this.theoreticalArrival = arrival + interval;
    return allowedAt - now;
  }

  async acquire(): Promise<void> {
    const wait = this.reserve();
    if (wait > 0) await sleep(wait);
  }

  /** Feeds the budget the outcome of every request: its HTTP status, or 0 when no response came. */
  record(status: number): void {
    const now = this.now();
    this.outcomes.push({ at: now, throttled: status === 429 });
    while (this.outcomes[0].at < now - PACING.observationWindowMs) this.outcomes.shift();
    if (status === 429 && now - this.lastSlowdown >= PACING.settlingMs) this.slowDownIfSaturated(now);
  }

  private slowDownIfSaturated(now: number): void {
    const throttled = this.outcomes.filter((outcome) => outcome.throttled).length;
    if (this.outcomes.length < PACING.minimumSample || throttled / this.outcomes.length < PACING.saturatedShare) return;
    const span = Math.max(PACING.minimumSpanMs, now - this.outcomes[0].at);
    const acceptedPerMinute = ((this.outcomes.length - throttled) / span) * 60_000;
    this.pace = Math.max(PACING.minimumPerMinute, Math.min(this.pace, acceptedPerMinute) * PACING.backOffFactor);
    this.lastSlowdown = this.lastAdjustment = now;
  }

  private recover(): void {
    const now = this.now();
    if (this.pace >= this.cap || now - this.lastAdjustment < 1_000) return;
    const seconds = (now - this.lastAdjustment) / 1_000;
    this.pace = Math.min(this.cap, this.pace * (1 + PACING.recoveryPerSecond) ** seconds);
    this.lastAdjustment = now;
  }
}
