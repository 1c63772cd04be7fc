import { sleep } from "./retry";

/** How far back successful requests count when the server's sustainable rate is estimated. */
const OBSERVATION_WINDOW_MS = 5_000;
/** After a 429, pace a little below the rate the server was seen to sustain. */
const BACK_OFF_FACTOR = 0.9;
/** Without 429s, the pace grows by this share of itself per second, back toward the configured cap. */
const RECOVERY_PER_SECOND = 0.05;
/** The shortest span a rate is measured over (a burst right at the start would look unbounded). */
const MINIMUM_SPAN_MS = 200;
const MINIMUM_PER_MINUTE = 6;
/** One slowdown per this long at most. */
const SETTLING_MS = 1_000;

/**
 * A process-wide request budget shared by every caller of one environment. Requests are spaced
 * (GCRA: each reserves the next free slot, with a small burst) to at most the configured
 * requests-per-minute. When the server answers 429 the budget learns the rate it sustains and paces
 * every caller just below it, then recovers slowly: a large `up` against a rate-limited API slows
 * down to the limit instead of failing or bursting into it again and again.
 */
export class RequestBudget {
  private theoreticalArrival = 0;
  private pace: number;
  private lastAdjustment: number;
  private lastSlowdown = Number.NEGATIVE_INFINITY;
  private readonly successes: number[] = [];

  constructor(
    private readonly cap = Number.POSITIVE_INFINITY,
    private readonly burst = 5,
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

  /** Feeds the budget the status of every response. */
  record(status: number): void {
    const now = this.now();
    if (status === 429) return this.throttled(now);
    if (status < 500) {
      this.successes.push(now);
      while (this.successes.length && this.successes[0] < now - OBSERVATION_WINDOW_MS) this.successes.shift();
    }
  }

  private throttled(now: number): void {
    // The requests already in flight were sent at the old pace: their 429s say nothing new.
    if (now - this.lastSlowdown < SETTLING_MS) return;
    const recent = this.successes.filter((time) => time >= now - OBSERVATION_WINDOW_MS);
    let learned: number;
    if (recent.length) learned = Math.min(this.pace, (recent.length / Math.max(MINIMUM_SPAN_MS, now - recent[0])) * 60_000) * BACK_OFF_FACTOR;
    else if (Number.isFinite(this.pace)) learned = this.pace / 2;
    else return; // Throttled before anything succeeded: nothing to learn from yet; per-request backoff applies.
    this.pace = Math.max(MINIMUM_PER_MINUTE, learned);
    this.lastSlowdown = this.lastAdjustment = now;
  }

  private recover(): void {
    const now = this.now();
    if (this.pace >= this.cap || now - this.lastAdjustment < 1_000) return;
    const seconds = (now - this.lastAdjustment) / 1_000;
    this.pace = Math.min(this.cap, this.pace * (1 + RECOVERY_PER_SECOND) ** seconds);
    this.lastAdjustment = now;
  }
}
