import { ApiError } from "../../errors";
import type { Environment } from "../../environment";

/**
 * `key_id` is documented as an alternative identifier of a connection; like an organization's
 * external_id it is taken to be unique in the environment.
 */
export function assertKeyIdUnclaimed(env: Environment, keyId: string, selfId?: string): void {
  const clash = env.connections.findBy("key_id", keyId).find((conn) => conn.id !== selfId);
  if (clash) {
    throw new ApiError("ALREADY_EXISTS", `a connection with key_id "${keyId}" already exists`, {
      violations: [{ field: "key_id", description: "must be unique in the environment" }],
    });
  }
}
