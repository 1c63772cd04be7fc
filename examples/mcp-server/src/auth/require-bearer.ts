import type { RequestHandler } from "express";
import type { AuthInfo } from "@modelcontextprotocol/sdk/server/auth/types.js";
import type { Logger } from "../log";
import { InvalidTokenError, type TokenVerifier } from "./access-token";
import type { BearerChallenge } from "./challenge";
import { toAuthInfo } from "./caller";

/** The MCP SDK's transport reads `req.auth` and passes it to tools as `extra.authInfo`. */
declare module "express-serve-static-core" {
  interface Request {
    auth?: AuthInfo;
  }
}

/** Every MCP request needs a valid bearer token; the caller is logged, the token never is. */
export function requireBearerToken(verify: TokenVerifier, challenge: BearerChallenge, log: Logger): RequestHandler {
  return async (req, res, next) => {
    const token = req.headers.authorization?.match(/^Bearer[ ]+([^\s]+)\s*$/i)?.[1];
    if (!token) return challenge.missingToken(res);
    try {
      const caller = await verify(token);
      req.auth = toAuthInfo(token, caller);
      Object.assign(res.locals.logFields, { sub: caller.subject, oid: caller.organizationId, client_id: caller.clientId });
    } catch (err) {
      if (err instanceof InvalidTokenError) {
        res.locals.logFields.auth_error = err.message;
        return challenge.invalidToken(res, err.message);
      }
      log.error("signing_keys_unavailable", { reason: (err as Error).message });
      res.status(503).set("Retry-After", "5").json({ error: "temporarily_unavailable", error_description: "the authorization server's signing keys could not be read" });
      return;
    }
    next();
  };
}
