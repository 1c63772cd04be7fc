import { createHash } from "node:crypto";
import type { MetaStore } from "./storage/meta";

const COUNTER_KEY = "id_counter";

/**
 * Scalekit-style identifiers (`org_64444217115541813`): a prefix and 17 digits derived from the
 * environment seed and a durable counter, so a seeded run produces the same ids every time and a
 * restarted emulator never reuses one.
 */
export class IdGenerator {
  constructor(
    private readonly seed: number,
    private readonly meta: MetaStore,
  ) {}

  next(prefix: string): string {
    return `${prefix}_${this.digits(this.advance(), prefix)}`;
  }

  /** A random-looking but seeded v4 UUID. */
  uuid(): string {
    const hex = this.hash(`uuid:${this.advance()}`).toString("hex");
    const variant = ((parseInt(hex[16], 16) & 0x3) | 0x8).toString(16);
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
  }

  /** A seeded secret-looking string of `length` base62 characters. */
  secret(label: string, length: number): string {
    const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    let out = "";
    let block = 0;
    while (out.length < length) {
      for (const byte of this.hash(`secret:${label}:${this.advance()}:${block++}`)) {
        if (byte < 248 && out.length < length) out += alphabet[byte % 62];
      }
    }
    return out;
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
