import type { OrganizationWire } from "../../api/wire";
import { changedFields } from "../../core/diff";
import { ResourceInitError, type ResourceContext } from "../lifecycle";
import { observedInputs, toFeatureToggles, toOutputs, toUpdateBody } from "./mapping";
import { ORGANIZATION_DIFF_RULES, type OrganizationInputs, type OrganizationOutputs } from "./schema";

/** Adoption is asked for: `adopt`, or the id of the organization to take over. */
export const adopting = (inputs: OrganizationInputs): boolean => inputs.adopt === true || inputs.organizationId !== undefined;

/**
 * The organization to adopt, looked up before anything is written: by `organizationId` (which must
 * exist), else by external id (undefined when none has it: the create goes on and makes one).
 */
export async function findOrganizationToAdopt(inputs: OrganizationInputs, context: ResourceContext): Promise<OrganizationWire | undefined> {
  const api = context.client().organizations;
  if (inputs.organizationId !== undefined) {
    const found = await api.findById(inputs.organizationId);
    if (!found) throw new Error(`organizationId ${inputs.organizationId}: Scalekit has no such organization; remove organizationId to create a new organization`);
    return found;
  }
  return inputs.externalId === undefined ? undefined : api.findByExternalId(inputs.externalId);
}

/**
 * Takes over an existing organization: writes only the fields that differ from the inputs (none when
 * they match, as after a scaffold or a move between shards). If a write fails, the organization is
 * kept in the state as Scalekit has it, so the next `up` finishes the job with an update.
 */
export async function adoptOrganization(live: OrganizationWire, inputs: OrganizationInputs, context: ResourceContext): Promise<{ id: string; outs: OrganizationOutputs }> {
  // Found by its id, the organization has the id the inputs name (observedInputs reads what Scalekit holds, not how it was found).
  const observed = { ...observedInputs(live, inputs), organizationId: inputs.organizationId === undefined ? undefined : live.id };
  const drift = changedFields(ORGANIZATION_DIFF_RULES, observed, inputs);
  // Quiet when nothing is written (a scaffold adopts hundreds at once); said aloud when something is.
  if (drift.length) context.log.info(`adopting organization ${live.id}; updating ${drift.join(", ")}`);
  else context.log.debug(`adopting organization ${live.id}: it already matches its inputs`);
  let current = live;
  try {
    current = await updateDifferingFields(live, inputs, drift, context);
    if (drift.includes("features")) current = await context.client().organizations.updateSettings(live.id, toFeatureToggles(inputs.features));
  } catch (error) {
    const observed = toOutputs(observedInputs(current, inputs), current);
    throw new ResourceInitError(`organization ${live.id} was adopted but could not be updated: ${(error as Error).message}`, live.id, { ...observed });
  }
  return { id: live.id, outs: toOutputs(inputs, current) };
}

/** PATCHes the organization's own fields among `drift` (its features excepted), if any. */
export async function updateDifferingFields(
  live: OrganizationWire,
  inputs: OrganizationInputs,
  drift: ReadonlyArray<keyof OrganizationInputs>,
  context: ResourceContext,
): Promise<OrganizationWire> {
  const body = toUpdateBody(inputs, drift);
  return Object.keys(body).length ? context.client().organizations.update(live.id, body) : live;
}
