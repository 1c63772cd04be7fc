import { randomUUID } from "node:crypto";

export interface Note {
  id: string;
  text: string;
  /** The email or subject of whoever added it. */
  author: string;
  createdAt: string;
}

export class NotesFullError extends Error {}

/** Notes kept per organization, in memory: one organization never sees another's. */
export class NotesStore {
  private readonly byOrganization = new Map<string, Note[]>();

  constructor(private readonly maxPerOrganization = 1000) {}

  list(organizationId: string): Note[] {
    return [...(this.byOrganization.get(organizationId) ?? [])];
  }

  add(organizationId: string, text: string, author: string): Note {
    const notes = this.byOrganization.get(organizationId) ?? [];
    if (notes.length >= this.maxPerOrganization) throw new NotesFullError(`the organization already has ${this.maxPerOrganization} notes`);
    const note: Note = { id: randomUUID(), text, author, createdAt: new Date().toISOString() };
    this.byOrganization.set(organizationId, [...notes, note]);
    return note;
  }
}
