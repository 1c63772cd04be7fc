import { sleep } from "./retry";

/** How far back request outcomes count when the budget judges whether the server is saturated. */
const OBSERVATION_WINDOW_MS = 5_000;
/**
 * The share of 429s (among at least MINIMUM_SAMPLE outcomes) that means the server's capacity is
 * exceeded. Below it, 429s are transient refusals (or another client's burst) left to the per-request
 * retry: slowing everyone down for them would only ratchet the pace down.
 */
const SATURATED_SHARE = 0.15;
const MINIMUM_SAMPLE = 20;
/** When saturated, pace a little below the rate the server was seen to accept. */
const BACK_OFF_FACTOR = 0.9;
/** Unsaturated, the pace grows by this share of itself per second, back toward the configured cap. */
const RECOVERY_PER_SECOND = 0.05;
/** One slowdown per this long at most: requests already in flight were sent at the old pace. */
const SETTLING_MS = 1_000;
const MINIMUM_PER_MINUTE = 6;
/** The shortest span a rate is measured over (a burst right at the start would look unbounded). */
const MINIMUM_SPAN_MS = 200;

interface Outcome {
  at: number;
  throttled: boolean;
}

/**
 * A process-wide request budget shared by every caller of one environment. Requests are spaced
 * (GCRA: each reserves the next free slot, with a small burst) to at most the configured
 * requests-per-minute. When the server is saturated (many 429s) the budget paces every caller just
 * below the rate the server accepted, then recovers slowly: a large `up` against a rate-limited API
 * slows down to the limit instead of failing, or bursting into it again and again.
 */
export class RequestBudget {
  private theoreticalArrival = 0;
  private pace: number;
  private lastAdjustment: number;
  private lastSlowdown = Number.NEGATIVE_INFINITY;
  private readonly outcomes: Outcome[] = [];

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

  /** Feeds the budget the outcome of every request: its HTTP status, or 0 when no response came. */
  record(status: number): void {
    const now = this.now();
    this.outcomes.push({ at: now, throttled: status === 429 });
    while (this.outcomes[0].at < now - OBSERVATION_WINDOW_MS) this.outcomes.shift();
    if (status === 429 && now - this.lastSlowdown >= SETTLING_MS) this.slowDownIfSaturated(now);
  }

  private slowDownIfSaturated(now: number): void {
    const throttled = this.outcomes.filter((outcome) => outcome.throttled).length;
    if (this.outcomes.length < MINIMUM_SAMPLE || throttled / this.outcomes.length < SATURATED_SHARE) return;
    const span = Math.max(MINIMUM_SPAN_MS, now - this.outcomes[0].at);
    const acceptedPerMinute = ((this.outcomes.length - throttled) / span) * 60_000;
    this.pace = Math.max(MINIMUM_PER_MINUTE, Math.min(this.pace, acceptedPerMinute) * BACK_OFF_FACTOR);
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
