import type { JWTPayload } from "jose";
import type { Environment } from "../environment";
import { unauthenticated } from "./access-tokens";

/**
 * Checks `Authorization: Bearer <token>` against the environment's tokens. Only tokens of the
 * environment's API client reach the management API: a token issued for an MCP resource (it has an
 * audience) is refused here, as Scalekit refuses it.
 */
export async function authenticate(env: Environment, header: string | undefined): Promise<JWTPayload> {
  const match = header?.match(/^Bearer\s+(\S*)\s*$/i);
  const token = match?.[1] ?? "";
  if (!header || token === "") throw unauthenticated("Token empty");
  const claims = await env.tokens.verifyAccessToken(token);
  if (claims.aud !== undefined) throw unauthenticated("token was issued for an MCP resource, not for the management API");
  return claims;
}
