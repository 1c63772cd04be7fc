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
