import type { OrganizationWire } from "../api/wire";

const MAX_KEY_LENGTH = 63;

/** Latin letters Unicode does not decompose into a base letter and an accent. */
const LETTERS: Record<string, string> = { ß: "ss", æ: "ae", œ: "oe", ø: "o", ł: "l", đ: "d", ð: "d", þ: "th", ı: "i" };

/** A tenant key from free text: lower case, accents stripped, every other run of characters one hyphen, at most 63 characters. */
export function keyFrom(text: string | null | undefined): string | undefined {
  const key = (text ?? "")
    .normalize("NFKD")
    .replace(/\p{M}+/gu, "")
    .toLowerCase()
    .replace(/[ßæœøłđðþı]/g, (letter) => LETTERS[letter])
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
  return fitted(key, MAX_KEY_LENGTH);
}

const fitted = (key: string, length: number) => key.slice(0, length).replace(/-+$/, "") || undefined;

export type KeySource = "external id" | "slug" | "display name" | "organization id";

export interface DerivedKey {
  key: string;
  source: KeySource;
  /** The key this one would have been, had an earlier organization not taken it. */
  taken?: string;
}

/**
 * Unique tenant keys for organizations given in their creation order: from the first usable of
 * external id, slug, display name and organization id; a later organization whose key is taken gets
 * -2, -3, … (so an organization keeps its key when newer ones are added and the scaffold runs again).
 */
export class TenantKeys {
  private readonly taken = new Set<string>();

  assign(organization: OrganizationWire): DerivedKey {
    const candidates: Array<[KeySource, string | null | undefined]> = [
      ["external id", organization.external_id],
      ["slug", organization.slug],
      ["display name", organization.display_name],
      ["organization id", organization.id],
    ];
    const [source, base] = candidates.map(([from, text]) => [from, keyFrom(text)] as const).find(([, key]) => key !== undefined)! as [KeySource, string];
    let key = base;
    for (let suffix = 2; this.taken.has(key); suffix++) key = `${fitted(base, MAX_KEY_LENGTH - `-${suffix}`.length)}-${suffix}`;
    this.taken.add(key);
    return key === base ? { key, source } : { key, source, taken: base };
  }
}
