export { Organization, type OrganizationArgs } from "./resources/organization/resource";
