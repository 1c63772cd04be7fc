export { Organization, type OrganizationArgs } from "./resources/organization/resource";
export { Domain, type DomainArgs } from "./resources/domain/resource";
export { SSOConnection, type SSOConnectionArgs } from "./resources/sso-connection/resource";
export { AdminPortalLink, type AdminPortalLinkArgs } from "./resources/admin-portal-link/resource";
export { McpServer, type McpServerArgs } from "./resources/mcp-server/resource";
export * from "./tenant";
