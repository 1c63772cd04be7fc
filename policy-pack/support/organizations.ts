import type { PolicyResource } from "@pulumi/policy";
import { known } from "./known";
import { SCALEKIT_TYPES } from "./resource-types";

/**
 * Which organization a Domain or SSOConnection of the stack belongs to. The organization is recognised
 * by the dependency of the `organizationId` input on an Organization of the stack (known even in a
 * preview, where the id itself is not), else by the id's value: the `organizationId` output of an
 * Organization of the stack, or an organization managed elsewhere. Works whichever output of the
 * Organization (`id` or `organizationId`) feeds the input.
 */
export class StackOrganizations {
  private readonly urnById = new Map<string, string>();

  constructor(resources: readonly PolicyResource[]) {
    for (const resource of resources) {
      if (resource.type !== SCALEKIT_TYPES.organization) continue;
      const id = known(() => resource.props.organizationId);
      if (typeof id === "string") this.urnById.set(id, resource.urn);
    }
  }

  /** A key equal for resources of the same organization; undefined when the stack does not tell yet. */
  keyOf(resource: PolicyResource): string | undefined {
    const declared = (resource.propertyDependencies.organizationId ?? []).filter((dependency) => dependency.type === SCALEKIT_TYPES.organization);
    if (declared.length === 1) return `urn:${declared[0].urn}`;
    const id = known(() => resource.props.organizationId);
    if (typeof id !== "string") return undefined;
    const urn = this.urnById.get(id);
    return urn ? `urn:${urn}` : `id:${id}`;
  }

  /** Whether the stack declares the organization itself (rather than referring to one by id). */
  declares(key: string): boolean {
    return key.startsWith("urn:");
  }
}
