import type { AuthInfo } from "@modelcontextprotocol/sdk/server/auth/types.js";

/** Who is calling, from a validated access token. */
export interface Caller {
  subject: string;
  /** `oid` (or `org_id`): the organization the user signed in through, or the M2M client's organization. */
  organizationId?: string;
  email?: string;
  clientId?: string;
  scopes: string[];
  /** Seconds since the epoch. */
  expiresAt: number;
}

/** What the MCP SDK hands tool handlers as `extra.authInfo`; the caller rides in `extra`. */
export function toAuthInfo(token: string, caller: Caller): AuthInfo {
  return { token, clientId: caller.clientId ?? caller.subject, scopes: caller.scopes, expiresAt: caller.expiresAt, extra: { caller } };
}

export function callerOf(authInfo: AuthInfo | undefined): Caller {
  const caller = authInfo?.extra?.caller as Caller | undefined;
  // Only reachable if a route skipped the bearer middleware.
  if (!caller) throw new Error("no authenticated caller for this request");
  return caller;
}
