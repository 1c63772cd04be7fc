import { z } from "zod";
import { callerOf } from "../auth/caller";
import { structuredResult, type ToolDefinition } from "./tool-definition";

export const whoamiTool: ToolDefinition = {
  name: "whoami",
  register(server, context) {
    server.registerTool(
      "whoami",
      {
        title: "Who am I",
        description: "The signed-in user (or client), their organization and the scopes of the access token.",
        outputSchema: {
          subject: z.string(),
          organizationId: z.string().optional(),
          organizationName: z.string().optional(),
          email: z.string().optional(),
          clientId: z.string().optional(),
          scopes: z.array(z.string()),
          expiresAt: z.string(),
        },
        annotations: { readOnlyHint: true },
      },
      async (extra) => {
        const caller = callerOf(extra.authInfo);
        const organizationName = caller.organizationId ? await context.organizations?.displayName(caller.organizationId) : undefined;
        return structuredResult({
          subject: caller.subject,
          organizationId: caller.organizationId,
          organizationName,
          email: caller.email,
          clientId: caller.clientId,
          scopes: caller.scopes,
          expiresAt: new Date(caller.expiresAt * 1000).toISOString(),
        });
      },
    );
  },
};
