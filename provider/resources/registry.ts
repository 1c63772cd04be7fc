import type { ResourceLifecycle } from "./lifecycle";
import { organizationLifecycle } from "./organization/lifecycle";

/** Resource kind (the type token's last segment) → its lifecycle. */
export const RESOURCE_LIFECYCLES = {
  Organization: organizationLifecycle,
} satisfies Record<string, ResourceLifecycle<any, any>>;

export type ResourceKind = keyof typeof RESOURCE_LIFECYCLES;
