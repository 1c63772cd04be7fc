import type { ConnectionWire } from "../../api/wire";
import { isNotFound } from "../../core/api-error";
import { changedFields } from "../../core/diff";
import { compositeId } from "../../core/ids";
import { ResourceInitError, type ResourceContext } from "../lifecycle";
import { applied } from "./applied-inputs";
import { validateIdpBeforeEnabling } from "./idp-validation";
import { observedInputs, toConfigBody, toCreateBody, toOutputs } from "./mapping";
import { CONFIG_FIELDS, protocolOf, SSO_CONNECTION_DIFF_RULES, type SsoConnectionInputs, type SsoConnectionOutputs } from "./schema";

/** Adoption is asked for: `adopt`, or the id of the connection to take over. */
export const adopting = (inputs: Pick<SsoConnectionInputs, "adopt" | "connectionId">): boolean => inputs.adopt === true || inputs.connectionId !== undefined;

/**
 * The connection to adopt, read in full before anything is written: by `connectionId` (which must
 * exist in the organization), else by key id (undefined when none has it: the create goes on and
 * makes one). One of another provider or protocol is refused.
 */
export async function findConnectionToAdopt(inputs: SsoConnectionInputs, context: ResourceContext): Promise<ConnectionWire | undefined> {
  const api = context.client().connections;
  const { organizationId, connectionId } = inputs;
  let live: ConnectionWire;
  if (connectionId !== undefined) {
    try {
      live = await api.get(organizationId, connectionId);
    } catch (error) {
      if (!isNotFound(error)) throw error;
      throw new Error(`connectionId ${connectionId}: organization ${organizationId} has no such connection; remove connectionId to create a new connection`);
    }
  } else {
    const summary = await api.findShell(organizationId, toCreateBody(inputs));
    if (!summary) return undefined;
    live = await api.get(organizationId, summary.id);
  }
  const protocol = protocolOf(inputs);
  if (live.provider !== inputs.provider || live.type !== protocol) {
    throw new Error(`connection ${live.id} is a ${live.provider} ${live.type} connection, not ${inputs.provider} ${protocol}; it cannot be adopted as this one`);
  }
  return live;
}

/**
 * Takes over an existing connection: its configuration is PATCHed only if it differs from the inputs,
 * and it is enabled or disabled only if that differs (the IdP is checked first, as `check` does for a
 * connection about to be enabled). The OIDC client secret cannot be read back: it is assumed to be the
 * one Scalekit holds, its digest is stored, and it is sent only with a configuration PATCH. If a write
 * fails, the connection is kept in the state as Scalekit has it, so the next `up` updates it.
 */
export async function adoptConnection(live: ConnectionWire, inputs: SsoConnectionInputs, context: ResourceContext): Promise<{ id: string; outs: SsoConnectionOutputs }> {
  const api = context.client().connections;
  const { organizationId } = inputs;
  const id = compositeId(organizationId, live.id);
  const target = applied(inputs);
  const observed = observedInputs(live, toOutputs(target, live));
  const drift = changedFields(SSO_CONNECTION_DIFF_RULES, observed, target);
  // Quiet when nothing is written (a scaffold adopts hundreds at once); said aloud when something is.
  if (drift.length) context.log.info(`adopting SSO connection ${live.id} of ${organizationId}; updating ${drift.join(", ")}`);
  else context.log.debug(`adopting SSO connection ${live.id} of ${organizationId}: it already matches its inputs`);
  const reconfigure = drift.some((field) => (CONFIG_FIELDS as readonly string[]).includes(field));
  const toggle = drift.includes("enabled");
  if (toggle) await validateIdpBeforeEnabling(inputs);
  let current = live;
  try {
    if (reconfigure) current = await api.update(organizationId, live.id, toConfigBody(inputs));
    if (toggle) {
      await (inputs.enabled ? api.enable(organizationId, live.id) : api.disable(organizationId, live.id));
      current = { ...current, enabled: inputs.enabled };
    }
  } catch (error) {
    throw new ResourceInitError(`SSO connection ${live.id} was adopted but could not be updated: ${(error as Error).message}`, id, { ...observed });
  }
  return { id, outs: toOutputs(target, current) };
}
