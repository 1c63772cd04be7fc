import type { StackConfig } from "./config";
import type { Bag } from "./values";

/** One resource as the engine records it (pkg/resource/state.go), values with their secret envelopes. */
export interface ResourceState {
  urn: string;
  type: string;
  custom: boolean;
  /** Custom resources only. */
  id?: string;
  parent?: string;
  /** The checked inputs the resource was last created, updated or refreshed with (`__provider` included). */
  inputs: Bag;
  outputs: Bag;
  dependencies: string[];
  propertyDependencies: Record<string, string[]>;
  protect: boolean;
  retainOnDelete: boolean;
  additionalSecretOutputs: string[];
  /** Set when a create or update left the object half-initialized: the next update is forced. */
  initErrors?: string[];
  /** An old copy replaced create-before-delete whose delete has not happened yet. */
  delete?: boolean;
}

/** What the stand-in keeps between operations, as a Pulumi state file does. */
export interface StackState {
  /** Dependencies before dependents, as in a Pulumi snapshot. */
  resources: ResourceState[];
  /** The configuration of the last update: refresh and destroy configure the provider with it, as Pulumi does from the provider's state. */
  config: StackConfig;
}

export const emptyState = (): StackState => ({ resources: [], config: {} });

export const STACK_TYPE = "pulumi:pulumi:Stack";

/** The name part of a URN. */
export const nameOf = (urn: string) => urn.slice(urn.lastIndexOf("::") + 2);

/** What a resource waits for: its parent, its dependencies and the resources its inputs came from. */
export function dependenciesOf(resource: Pick<ResourceState, "parent" | "dependencies" | "propertyDependencies">): string[] {
  return [...new Set([...(resource.parent ? [resource.parent] : []), ...resource.dependencies, ...Object.values(resource.propertyDependencies).flat()])];
}

/** The resources with each one after everything it depends on (a stable topological order). */
export function inDependencyOrder(resources: readonly ResourceState[]): ResourceState[] {
  const byUrn = new Map<string, ResourceState[]>();
  for (const resource of resources) byUrn.set(resource.urn, [...(byUrn.get(resource.urn) ?? []), resource]);
  const placed = new Set<ResourceState>();
  const ordered: ResourceState[] = [];
  const visiting = new Set<ResourceState>();
  const place = (resource: ResourceState) => {
    if (placed.has(resource) || visiting.has(resource)) return;
    visiting.add(resource);
    for (const urn of dependenciesOf(resource)) for (const dependency of byUrn.get(urn) ?? []) if (dependency !== resource) place(dependency);
    visiting.delete(resource);
    placed.add(resource);
    ordered.push(resource);
  };
  resources.forEach(place);
  return ordered;
}
