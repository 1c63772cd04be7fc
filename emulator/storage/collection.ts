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

  /** Records whose top-level JSON field equals `value`, in creation order. */
  findBy(fieldName: string, value: string | number): T[] {
    const field = fieldExpression(this.db, fieldName);
    // No ORDER BY: with one, SQLite walks the creation-order index and reads every record of the kind.
    const rows = this.db.prepare(`SELECT data, seq FROM records WHERE kind = ? AND ${field} = ?`).all(this.kind, value) as { data: string; seq: number }[];
    return rows.sort((a, b) => a.seq - b.seq).map((row) => JSON.parse(row.data) as T);
  }
}

const indexedFields = new WeakMap<Database, Set<string>>();

/**
 * `json_extract(data, '$.<field>')`, with an index on (kind, that expression) made the first time the
 * field is looked up: a lookup (unique external ids, domain names, key ids) reads the matching records
 * only, instead of every record of the kind.
 */
function fieldExpression(db: Database, fieldName: string): string {
  if (!/^[a-z_][a-z0-9_]*$/i.test(fieldName)) throw new Error(`not a field name: ${JSON.stringify(fieldName)}`);
  const expression = `json_extract(data, '$.${fieldName}')`;
  let fields = indexedFields.get(db);
  if (!fields) indexedFields.set(db, (fields = new Set()));
  if (!fields.has(fieldName)) {
    db.exec(`CREATE INDEX IF NOT EXISTS records_by_${fieldName} ON records (kind, ${expression})`);
    fields.add(fieldName);
  }
  return expression;
}
