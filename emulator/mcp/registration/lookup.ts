import type { Environment } from "../../environment";
import { Collection } from "../../storage/collection";
import type { RegisteredClientRecord } from "./record";

/** Registered clients, stored under their resource. */
export function registeredClients(env: Environment): Collection<RegisteredClientRecord> {
  return new Collection<RegisteredClientRecord>(env.db, "oauth_registered_client");
}

export function findRegisteredClient(env: Environment, clientId: string): RegisteredClientRecord | undefined {
  return registeredClients(env).get(clientId);
}
