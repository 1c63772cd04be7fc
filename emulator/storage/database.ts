import BetterSqlite3 from "better-sqlite3";

export type Database = BetterSqlite3.Database;

/**
 * One table of JSON records (one row per object, keyed by kind + id, ordered by creation) and one
 * key-value table for environment state: credentials, signing keys, the id counter.
 */
const SCHEMA = `
CREATE TABLE IF NOT EXISTS records (
  kind TEXT NOT NULL,
  id TEXT NOT NULL,
  parent_id TEXT,
  seq INTEGER NOT NULL,
  data TEXT NOT NULL,
  PRIMARY KEY (kind, id)
);
CREATE INDEX IF NOT EXISTS records_by_parent ON records (kind, parent_id, seq);
CREATE INDEX IF NOT EXISTS records_by_seq ON records (kind, seq);
CREATE INDEX IF NOT EXISTS records_in_creation_order ON records (seq);
CREATE TABLE IF NOT EXISTS meta (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS access_tokens (
  jti TEXT PRIMARY KEY,
  expires_at INTEGER NOT NULL,
  revoked INTEGER NOT NULL DEFAULT 0
);
`;

/** Opens (and creates when new) the emulator database; `undefined` means in memory. */
export function openDatabase(file: string | undefined): Database {
  const db = new BetterSqlite3(file ?? ":memory:");
  if (file) db.pragma("journal_mode = WAL");
  db.exec(SCHEMA);
  return withStatementCache(db);
}

/**
 * Every query is prepared again on every request otherwise; a prepared statement is reusable as long
 * as it is run synchronously, which is all the emulator does.
 */
function withStatementCache(db: Database): Database {
  const prepare = db.prepare.bind(db);
  const statements = new Map<string, BetterSqlite3.Statement>();
  db.prepare = ((sql: string) => {
    let statement = statements.get(sql);
    if (!statement) {
      statement = prepare(sql);
      statements.set(sql, statement);
    }
    return statement;
  }) as Database["prepare"];
  return db;
}
