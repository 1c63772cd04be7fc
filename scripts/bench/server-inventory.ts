import type { ScalekitClient } from "../../provider/api/client";
import type { StackState } from "../../tools/engine-standin";

export interface ServerInventory {
  organizations: Array<{ id: string; externalId?: string }>;
  domains: Array<{ id: string; organizationId: string; domain: string }>;
  connections: Array<{ id: string; organizationId: string; keyId?: string }>;
}

/** Everything the environment holds (organizations, their domains, every connection). */
export async function readInventory(client: ScalekitClient): Promise<ServerInventory> {
  const organizations: ServerInventory["organizations"] = [];
  for await (const organization of client.organizations.list()) organizations.push({ id: organization.id, externalId: organization.external_id ?? undefined });
  const domains: ServerInventory["domains"] = [];
  for (const organization of organizations) {
    for await (const domain of client.domains.list(organization.id)) domains.push({ id: domain.id, organizationId: organization.id, domain: domain.domain });
  }
  const connections = (await client.connections.list({ includeAll: true })).map((connection) => ({
    id: connection.id,
    organizationId: connection.organization_id ?? "",
    keyId: connection.key_id || undefined,
  }));
  return { organizations, domains, connections };
}

export interface Reconciliation {
  /** Objects beyond the first with the same natural key (external id, domain name, connection key id). */
  duplicates: number;
  /** Objects on the server that no resource in the state owns. */
  orphans: number;
  /** Resources in the state whose object is missing on the server. */
  missing: number;
}

/** Compares the server's contents with the engine state; portal links are left out (they expire within a minute). */
export function reconcile(inventory: ServerInventory, state: StackState): Reconciliation {
  const customs = state.resources.filter((resource) => resource.custom);
  const owned = new Set(customs.map((entry) => entry.id!.split("/").pop()!));
  const objects = [
    ...inventory.organizations.map((organization) => ({ id: organization.id, key: `org:${organization.externalId ?? organization.id}` })),
    ...inventory.domains.map((domain) => ({ id: domain.id, key: `domain:${domain.domain}` })),
    ...inventory.connections.map((connection) => ({ id: connection.id, key: `connection:${connection.keyId ?? connection.id}` })),
  ];
  const keys = new Map<string, number>();
  for (const object of objects) keys.set(object.key, (keys.get(object.key) ?? 0) + 1);
  const present = new Set(objects.map((object) => object.id));
  const stateObjects = customs.filter((entry) => !entry.type.endsWith(":AdminPortalLink")).map((entry) => entry.id!.split("/").pop()!);
  return {
    duplicates: [...keys.values()].reduce((sum, count) => sum + count - 1, 0),
    orphans: objects.filter((object) => !owned.has(object.id)).length,
    missing: stateObjects.filter((id) => !present.has(id)).length,
  };
}
