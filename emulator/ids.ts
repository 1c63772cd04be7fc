import { createHash } from "node:crypto";
import type { MetaStore } from "./storage/meta";

const COUNTER_KEY = "id_counter";

/**
 * Scalekit-style identifiers (`org_64444217115541813`): a prefix and 17 digits derived from the
 * environment seed and a durable counter, so a seeded run produces the same ids every time and a
 * restarted emulator never reuses one. Ids are public: secrets never come from here (see secrets.ts).
 */
export class IdGenerator {
  constructor(
    private readonly seed: number,
    private readonly meta: MetaStore,
  ) {}

  next(prefix: string): string {
    return `${prefix}_${this.digits(this.advance(), prefix)}`;
  }

  private advance(): number {
    const n = (this.meta.get<number>(COUNTER_KEY) ?? 0) + 1;
    this.meta.set(COUNTER_KEY, n);
    return n;
  }

  private digits(counter: number, prefix: string): string {
    const value = this.hash(`id:${prefix}:${counter}`).readBigUInt64BE(0);
    return (10_000_000_000_000_000n + (value % 90_000_000_000_000_000n)).toString();
  }

  private hash(text: string): Buffer {
    return createHash("sha256").update(`${this.seed}:${text}`).digest();
  }
}
