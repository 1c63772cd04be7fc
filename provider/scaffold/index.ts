export { scaffoldTenantsFile, type ScaffoldOptions, type ScaffoldResult } from "./scaffold";
export type { ScaffoldedTenant } from "./tenant-entry";
export { keyFrom, TenantKeys, type DerivedKey, type KeySource } from "./tenant-keys";
export { secretConfigKeyOf } from "./connection-entry";
