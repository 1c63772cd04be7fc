/**
 * A token bucket: `perMinute / 60` tokens per second, holding at most `burst`. A refused request is
 * told how many whole seconds (at least 1) until the next token.
 */
export class RateLimiter {
  private tokens: number;
  private last: number;
  private readonly perSecond: number;

  constructor(
    perMinute: number,
    private readonly burst: number,
    private readonly now: () => number = Date.now,
  ) {
    this.perSecond = perMinute / 60;
    this.tokens = burst;
    this.last = now();
  }

  take(): { allowed: true } | { allowed: false; retryAfterSeconds: number } {
    const now = this.now();
    this.tokens = Math.min(this.burst, this.tokens + ((now - this.last) / 1000) * this.perSecond);
    this.last = now;
    if (this.tokens >= 1) {
      this.tokens -= 1;
      return { allowed: true };
    }
    const seconds = (1 - this.tokens) / this.perSecond;
    return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil(seconds)) };
  }
}

/** A small burst: about one second's worth of requests, between 1 and 10. */
export function defaultBurst(perMinute: number): number {
  return Math.min(10, Math.max(1, Math.ceil(perMinute / 60)));
}
