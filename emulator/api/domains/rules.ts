import { invalidField } from "../../errors";
import type { Environment } from "../../environment";
import { PUBLIC_EMAIL_DOMAINS as BLOCKED_DOMAINS } from "../../../provider/core/public-email-domains";

const LABEL = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;
const TOP_LEVEL_LABEL = /^(?:[a-z]{2,63}|xn--[a-z0-9-]{1,59})$/;

/** Lower-cases and checks `domain`: a real hostname of 4-255 characters with a dot, not a public mail domain. */
export function checkDomainName(value: unknown): string {
  if (typeof value !== "string" || value.length === 0) throw invalidField("domain", "is required");
  const domain = value.toLowerCase();
  if (domain.length < 4 || domain.length > 255) throw invalidField("domain", "must be 4-255 characters");
  const labels = domain.split(".");
  const valid =
    labels.length >= 2 && labels.every((label) => LABEL.test(label)) && TOP_LEVEL_LABEL.test(labels[labels.length - 1]);
  if (!valid) throw invalidField("domain", "invalid domain format: must be a hostname such as acmecorp.com");
  if (BLOCKED_DOMAINS.has(domain)) {
    throw invalidField("domain", "public or disposable email domains cannot be added to an organization");
  }
  return domain;
}

/** A domain may belong to one organization of the environment, once. Scalekit documents this as a 400. */
export function assertDomainUnclaimed(env: Environment, domain: string): void {
  if (env.domains.findBy("domain", domain).length > 0) {
    throw invalidField("domain", `domain "${domain}" already exists in this environment`);
  }
}
