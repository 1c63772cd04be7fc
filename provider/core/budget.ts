import { sleep } from "./retry";

/**
 * A process-wide request budget shared by every caller of one environment: requests are spaced to at
 * most `requestsPerMinute` (with a small burst), and a server-imposed pause (429 + Retry-After) holds
 * back every caller, so a large `up` slows down instead of failing. Implemented as a GCRA schedule:
 * each request reserves the next free slot and waits for it.
 */
export class RequestBudget {
  private theoreticalArrival = 0;
  private pausedUntil = 0;
  private emissionIntervalMs: number;
  private toleranceMs: number;

  constructor(
    requestsPerMinute = Number.POSITIVE_INFINITY,
    private readonly burst = 5,
    private readonly now: () => number = Date.now,
  ) {
    this.emissionIntervalMs = 0;
    this.toleranceMs = 0;
    this.setRate(requestsPerMinute);
  }

  get requestsPerMinute(): number {
    return this.emissionIntervalMs === 0 ? Number.POSITIVE_INFINITY : 60_000 / this.emissionIntervalMs;
  }

  setRate(requestsPerMinute: number): void {
    if (!(requestsPerMinute > 0)) throw new Error(`requestsPerMinute must be positive, got ${requestsPerMinute}`);
    this.emissionIntervalMs = Number.isFinite(requestsPerMinute) ? 60_000 / requestsPerMinute : 0;
    this.toleranceMs = this.emissionIntervalMs * Math.max(0, this.burst - 1);
  }

  /** Milliseconds the caller must wait before sending; the slot is reserved on return. */
  reserve(): number {
    const now = this.now();
    const arrival = Math.max(this.theoreticalArrival, now, this.pausedUntil);
    const allowedAt = Math.max(arrival - this.toleranceMs, this.pausedUntil, now);
    this.theoreticalArrival = arrival + this.emissionIntervalMs;
    return allowedAt - now;
  }

  async acquire(): Promise<void> {
    const wait = this.reserve();
    if (wait > 0) await sleep(wait);
  }

  /** Holds every caller back until `ms` from now (a server said so). */
  pauseFor(ms: number): void {
    this.pausedUntil = Math.max(this.pausedUntil, this.now() + ms);
  }
}
