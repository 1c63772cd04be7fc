/** Lifetimes of what the authorization server hands out to MCP clients after a sign-in. */
export interface AuthorizationServerSettings {
  /** Authorization codes: single use, short-lived (default 60 s; 0 gives codes that are already expired). */
  authorizationCodeTtlSeconds: number;
}

export const DEFAULT_AUTHORIZATION_CODE_TTL_SECONDS = 60;
export const DEFAULT_REFRESH_TOKEN_TTL_SECONDS = 30 * 86400;
