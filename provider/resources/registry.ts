import type { ResourceLifecycle } from "./lifecycle";
import { adminPortalLinkLifecycle } from "./admin-portal-link/lifecycle";
import { domainLifecycle } from "./domain/lifecycle";
import { mcpServerLifecycle } from "./mcp-server/lifecycle";
import { organizationLifecycle } from "./organization/lifecycle";
import { ssoConnectionLifecycle } from "./sso-connection/lifecycle";

/** Resource kind (the type token's last segment) → its lifecycle. */
export const RESOURCE_LIFECYCLES = {
  Organization: organizationLifecycle,
  Domain: domainLifecycle,
  SSOConnection: ssoConnectionLifecycle,
  AdminPortalLink: adminPortalLinkLifecycle,
  McpServer: mcpServerLifecycle,
} satisfies Record<string, ResourceLifecycle<any, any>>;

export type ResourceKind = keyof typeof RESOURCE_LIFECYCLES;
