import { z } from "zod";
import { callerOf } from "../auth/caller";
import { NotesFullError } from "../notes/notes-store";
import { NOTES_READ, NOTES_WRITE } from "./scopes";
import { errorResult, structuredResult, type ToolDefinition } from "./tool-definition";

const NoteShape = z.object({ id: z.string(), text: z.string(), author: z.string(), createdAt: z.string() });
const NO_ORGANIZATION = "this token has no organization (oid claim); notes belong to an organization";

export const listNotesTool: ToolDefinition = {
  name: "list_notes",
  scope: NOTES_READ,
  register(server, context) {
    server.registerTool(
      "list_notes",
      {
        title: "List notes",
        description: "Notes of your organization, newest last.",
        inputSchema: { limit: z.number().int().min(1).max(100).optional().describe("At most this many, the newest (default 50)") },
        outputSchema: { organizationId: z.string(), notes: z.array(NoteShape) },
        annotations: { readOnlyHint: true },
      },
      async ({ limit }, extra) => {
        const { organizationId } = callerOf(extra.authInfo);
        if (!organizationId) return errorResult(NO_ORGANIZATION);
        return structuredResult({ organizationId, notes: context.notes.list(organizationId).slice(-(limit ?? 50)) });
      },
    );
  },
};

export const addNoteTool: ToolDefinition = {
  name: "add_note",
  scope: NOTES_WRITE,
  register(server, context) {
    server.registerTool(
      "add_note",
      {
        title: "Add a note",
        description: "Adds a note visible to everyone in your organization.",
        inputSchema: { text: z.string().trim().min(1).max(2000).describe("The note") },
        outputSchema: { organizationId: z.string(), note: NoteShape },
        annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: false },
      },
      async ({ text }, extra) => {
        const caller = callerOf(extra.authInfo);
        if (!caller.organizationId) return errorResult(NO_ORGANIZATION);
        try {
          const note = context.notes.add(caller.organizationId, text, caller.email ?? caller.subject);
          return structuredResult({ organizationId: caller.organizationId, note });
        } catch (err) {
          if (err instanceof NotesFullError) return errorResult(err.message);
          throw err;
        }
      },
    );
  },
};
