import type { RequestHandler } from "express";
import { callerOf } from "./caller";

/**
 * Lets only callers of the listed organizations through. Scalekit already limits sign-in to the
 * environment's organizations; this narrows it to those this deployment serves.
 */
export function requireAllowedOrganization(allowedOrganizationIds: readonly string[]): RequestHandler {
  const allowed = new Set(allowedOrganizationIds);
  return (req, res, next) => {
    const { organizationId } = callerOf(req.auth);
    if (organizationId !== undefined && allowed.has(organizationId)) return next();
    res.locals.logFields.auth_error = "organization not allowed";
    res.status(403).json({ error: "access_denied", error_description: "your organization is not allowed on this server" });
  };
}
