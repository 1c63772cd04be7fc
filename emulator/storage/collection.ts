import type { Database } from "./database";

export interface StoredRecord {
  id: string;
}

/**
 * The records of one kind (organizations, domains, ...), each stored as a JSON document with an
 * optional parent id (the owning organization) and kept in creation order.
 */
export class Collection<T extends StoredRecord> {
  constructor(
    private readonly db: Database,
    readonly kind: string,
  ) {}

  insert(record: T, parentId?: string): T {
    this.db
      .prepare(
        `INSERT INTO records (kind, id, parent_id, seq, data)
         VALUES (?, ?, ?, (SELECT COALESCE(MAX(seq), 0) + 1 FROM records), ?)`,
      )
      .run(this.kind, record.id, parentId ?? null, JSON.stringify(record));
    return record;
  }

  get(id: string): T | undefined {
    const row = this.db.prepare("SELECT data FROM records WHERE kind = ? AND id = ?").get(this.kind, id) as
      | { data: string }
      | undefined;
    return row ? (JSON.parse(row.data) as T) : undefined;
  }

  update(record: T): T {
    this.db.prepare("UPDATE records SET data = ? WHERE kind = ? AND id = ?").run(JSON.stringify(record), this.kind, record.id);
    return record;
  }

  delete(id: string): boolean {
    return this.db.prepare("DELETE FROM records WHERE kind = ? AND id = ?").run(this.kind, id).changes > 0;
  }

  deleteByParent(parentId: string): number {
    return this.db.prepare("DELETE FROM records WHERE kind = ? AND parent_id = ?").run(this.kind, parentId).changes;
  }

  /** All records in creation order, optionally only those of one parent. */
  list(parentId?: string): T[] {
    const rows = (
      parentId === undefined
        ? this.db.prepare("SELECT data FROM records WHERE kind = ? ORDER BY seq").all(this.kind)
        : this.db.prepare("SELECT data FROM records WHERE kind = ? AND parent_id = ? ORDER BY seq").all(this.kind, parentId)
    ) as { data: string }[];
    return rows.map((row) => JSON.parse(row.data) as T);
  }

  /** Records whose top-level JSON field equals `value`. */
  findBy(fieldName: string, value: string | number | boolean): T[] {
    const rows = this.db
      .prepare("SELECT data FROM records WHERE kind = ? AND json_extract(data, ?) = ? ORDER BY seq")
      .all(this.kind, `$.${fieldName}`, value) as { data: string }[];
    return rows.map((row) => JSON.parse(row.data) as T);
  }
}
