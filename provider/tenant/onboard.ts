import type * as pulumi from "@pulumi/pulumi";
import type { TenantHandoff } from "./handoff";
import type { TenantDefinition } from "./file/load";
import { Tenant } from "./tenant";

/** One Tenant per definition; their hand-off bundles keyed by tenant key. */
export function onboardTenants(definitions: readonly TenantDefinition[], opts?: pulumi.ComponentResourceOptions): Record<string, TenantHandoff> {
  return Object.fromEntries(definitions.map(({ key, args }) => [key, new Tenant(key, args, opts).handoff]));
}
