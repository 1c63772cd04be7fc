const DAY_MS = 86_400_000;

/** How far ahead `refresh` warns about an IdP signing certificate that is about to expire. */
export const CERTIFICATE_WARNING_DAYS = 30;

/** Whole days from `now` until `expiresAt` (an ISO time); negative once it has passed. */
export function daysUntil(expiresAt: string, now: Date = new Date()): number {
  return Math.floor((Date.parse(expiresAt) - now.getTime()) / DAY_MS);
}

/** The warning for a certificate expiring within `withinDays`, or undefined when it has longer. */
export function certificateExpiryWarning(what: string, expiresAt: string | undefined, now: Date = new Date(), withinDays = CERTIFICATE_WARNING_DAYS): string | undefined {
  if (!expiresAt || Number.isNaN(Date.parse(expiresAt))) return undefined;
  const days = daysUntil(expiresAt, now);
  if (days >= withinDays) return undefined;
  const when = days < 0 ? `expired on ${expiresAt.slice(0, 10)}` : `expires on ${expiresAt.slice(0, 10)} (in ${days} ${days === 1 ? "day" : "days"})`;
  return `${what}: the IdP signing certificate ${when}; users cannot sign in once it has expired. Ask the customer's IT admin for the new certificate (or use saml.metadataUrl, from which Scalekit reads rotated ones).`;
}
