import { ApiError, invalidField } from "../../errors";
import type { Environment } from "../../environment";

/** Field rules of `CreateOrganization` / `UpdateOrganization` (buf.validate rules and the spec). */

const SLUG_PATTERN = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*$/;

export function checkDisplayName(value: unknown): string {
  if (typeof value !== "string" || value.length === 0) throw invalidField("display_name", "is required and must be 1-200 characters");
  if (charCount(value) > 200) throw invalidField("display_name", "must be at most 200 characters");
  return value;
}

export function checkMetadata(value: Record<string, string>): Record<string, string> {
  const entries = Object.entries(value);
  if (entries.length > 10) throw invalidField("metadata", "must have at most 10 pairs");
  for (const [key, val] of entries) {
    const keyLength = charCount(key);
    if (keyLength < 3 || keyLength > 25) throw invalidField(`metadata.${key}`, "keys must be 3-25 characters");
    const valueLength = charCount(val);
    if (valueLength < 1 || valueLength > 256) throw invalidField(`metadata.${key}`, "values must be 1-256 characters");
  }
  return value;
}

export function checkSlug(value: string): string {
  if (charCount(value) > 253) throw invalidField("slug", "must be at most 253 characters");
  if (!SLUG_PATTERN.test(value)) {
    throw invalidField("slug", "must be lowercase DNS labels (a-z, 0-9, '-') separated by dots");
  }
  return value;
}

export function checkLogoUrl(value: string): string {
  if (charCount(value) > 1024) throw invalidField("logo_url", "must be at most 1024 characters");
  if (!value.startsWith("https://")) throw invalidField("logo_url", "must be an https:// URL");
  return value;
}

export function checkExternalId(value: string): string {
  if (value.length === 0) throw invalidField("external_id", "must not be empty");
  return value;
}

/** external_id and slug are unique per environment; `selfId` is the organization being updated. */
export function assertUnique(env: Environment, fieldName: "external_id" | "slug", value: string, selfId?: string): void {
  const clash = env.organizations.findBy(fieldName, value).find((org) => org.id !== selfId);
  if (clash) {
    throw new ApiError("ALREADY_EXISTS", `an organization with ${fieldName} "${value}" already exists`, {
      violations: [{ field: fieldName, description: "must be unique in the environment" }],
    });
  }
}

function charCount(text: string): number {
  return [...text].length;
}
