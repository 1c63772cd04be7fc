import type { JWTPayload } from "jose";
import type { Environment } from "../environment";
import { unauthenticated } from "./access-tokens";

/** Checks `Authorization: Bearer <token>` against the environment's tokens. */
export async function authenticate(env: Environment, header: string | undefined): Promise<JWTPayload> {
  const match = header?.match(/^Bearer\s+(\S*)\s*$/i);
  const token = match?.[1] ?? "";
  if (!header || token === "") throw unauthenticated("Token empty");
  return env.tokens.verifyAccessToken(token);
}
