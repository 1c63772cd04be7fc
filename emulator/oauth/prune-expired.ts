import type { Environment } from "../environment";

/**
 * Deletes the records of `kind` whose `expires_at` (epoch seconds) has passed, so abandoned sign-ins,
 * old codes and refresh tokens do not pile up in a durable data file.
 */
export function pruneExpired(env: Environment, kind: string): void {
  env.db.prepare("DELETE FROM records WHERE kind = ? AND json_extract(data, '$.expires_at') <= ?").run(kind, Math.floor(Date.now() / 1000));
}
