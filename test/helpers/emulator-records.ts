import { openDatabase } from "../../emulator/storage/database";

/**
 * Sets a domain's verification state in an emulator's data file, while it runs. Real Scalekit holds
 * domains in states its API does not create (one added in the dashboard and still pending its DNS
 * record, say), and whether the API creates domains verified is the emulator's choice of the day:
 * seeding the state directly keeps a test independent of it.
 */
export function setDomainVerification(dataFile: string, domainId: string, status: "PENDING" | "VERIFIED" | "FAILED", method: "DNS" | "ADMIN"): void {
  const db = openDatabase(dataFile);
  try {
    const changed = db
      .prepare("UPDATE records SET data = json_set(data, '$.verification_status', ?, '$.verification_method', ?) WHERE kind = 'domain' AND id = ?")
      .run(status, method, domainId).changes;
    if (changed !== 1) throw new Error(`no domain ${domainId} in ${dataFile}`);
  } finally {
    db.close();
  }
}

/**
 * Adds a record (a domain, a connection…) to a running emulator's data file, under its organization:
 * for what Scalekit may hold that this emulator's API refuses to create (a public email domain added
 * before the rule, a social login connection of the organization).
 */
export function insertRecord(dataFile: string, kind: "domain" | "connection", organizationId: string, record: { id: string } & Record<string, unknown>): void {
  const db = openDatabase(dataFile);
  try {
    db.prepare("INSERT INTO records (kind, id, parent_id, seq, data) VALUES (?, ?, ?, (SELECT COALESCE(MAX(seq), 0) + 1 FROM records), ?)").run(kind, record.id, organizationId, JSON.stringify(record));
  } finally {
    db.close();
  }
}

/** Changes a stored record of a running emulator in place (e.g. a second IdP certificate, which the API replaces). */
export function editRecord<T>(dataFile: string, kind: string, id: string, edit: (record: T) => T): void {
  const db = openDatabase(dataFile);
  try {
    const row = db.prepare("SELECT data FROM records WHERE kind = ? AND id = ?").get(kind, id) as { data: string } | undefined;
    if (!row) throw new Error(`no ${kind} ${id} in ${dataFile}`);
    db.prepare("UPDATE records SET data = ? WHERE kind = ? AND id = ?").run(JSON.stringify(edit(JSON.parse(row.data) as T)), kind, id);
  } finally {
    db.close();
  }
}
