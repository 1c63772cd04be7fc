import { z } from "zod";
import { PUBLIC_EMAIL_DOMAINS } from "./public-email-domains";

const LABEL = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;
const TOP_LEVEL_LABEL = /^(?:[a-z]{2,63}|xn--[a-z0-9-]{1,59})$/;

export function isHostname(domain: string): boolean {
  const labels = domain.split(".");
  return labels.length >= 2 && labels.every((label) => LABEL.test(label)) && TOP_LEVEL_LABEL.test(labels[labels.length - 1]);
}

/** A customer-owned email domain, normalized to lower case without a trailing dot. */
export const domainNameField = z
  .string()
  .transform((value) => value.trim().toLowerCase().replace(/\.$/, ""))
  .pipe(
    z
      .string()
      .min(4, "must be 4–255 characters")
      .max(255, "must be 4–255 characters")
      .refine(isHostname, "must be a domain name such as acmecorp.com (no scheme, path, @ or wildcard)")
      .refine((domain) => !PUBLIC_EMAIL_DOMAINS.has(domain), "public or disposable email domains (gmail.com, outlook.com, …) cannot belong to an organization"),
  );
