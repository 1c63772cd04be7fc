import type { Database } from "./database";

/** Small durable key-value state: JSON values under string keys. */
export class MetaStore {
  constructor(private readonly db: Database) {}

  get<T>(key: string): T | undefined {
    const row = this.db.prepare("SELECT value FROM meta WHERE key = ?").get(key) as { value: string } | undefined;
    return row ? (JSON.parse(row.value) as T) : undefined;
  }

  set(key: string, value: unknown): void {
    this.db
      .prepare("INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value")
      .run(key, JSON.stringify(value));
  }

  /** Returns the stored value, or stores and returns `create()` when there is none. */
  getOrCreate<T>(key: string, create: () => T): T {
    const existing = this.get<T>(key);
    if (existing !== undefined) return existing;
    const value = create();
    this.set(key, value);
    return value;
  }
}
