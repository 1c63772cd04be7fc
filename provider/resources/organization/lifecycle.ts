import type { OrganizationWire } from "../../api/wire";
import { isConflict } from "../../core/api-error";
import { checkInputs } from "../../core/check";
import { changedFields, diffByRules } from "../../core/diff";
import { deleteIfPresent, readLive, ResourceInitError, type ResourceContext, type ResourceLifecycle } from "../lifecycle";
import { adopting, adoptOrganization, findOrganizationToAdopt, updateDifferingFields } from "./adopt";
import { observedInputs, toCreateBody, toFeatureToggles, toOutputs, toUpdateBody } from "./mapping";
import { ORGANIZATION_DIFF_RULES, OrganizationInputs, type OrganizationOutputs } from "./schema";

/**
 * Organization: POST, then a settings PATCH when features are given. A create that finds the external
 * id taken adopts that organization (the create of an earlier, interrupted `up`, or an existing
 * customer being brought under management) and converges it to the inputs. With `adopt` (or an
 * `organizationId`) the create looks first and writes only what differs (see adopt.ts).
 */
export const organizationLifecycle: ResourceLifecycle<OrganizationInputs, OrganizationOutputs> = {
  async check(_olds, news) {
    return checkInputs(OrganizationInputs, news);
  },

  diff(_id, olds, news) {
    return diffByRules(ORGANIZATION_DIFF_RULES, olds, news);
  },

  async create(inputs, context) {
    if (adopting(inputs)) {
      const existing = await findOrganizationToAdopt(inputs, context);
      if (existing) return adoptOrganization(existing, inputs, context);
      context.log.info(`no organization has the external id ${JSON.stringify(inputs.externalId)} yet; creating it`);
    }
    const api = context.client().organizations;
    let live = await createOrAdopt(inputs, context);
    const features = toFeatureToggles(inputs.features);
    if (features.length) {
      try {
        live = await api.updateSettings(live.id, features);
      } catch (error) {
        const created = toOutputs({ ...inputs, features: undefined }, live);
        throw new ResourceInitError(`organization ${live.id} was created but its features could not be set: ${(error as Error).message}`, live.id, { ...created });
      }
    }
    return { id: live.id, outs: toOutputs(inputs, live) };
  },

  async read(id, props, context) {
    const live = await readLive("organization", id, () => context.client().organizations.get(id), context);
    if (!live) return {};
    const inputs = observedInputs(live, props);
    return { id, props: toOutputs(inputs, live), inputs };
  },

  async update(id, olds, news, context) {
    const api = context.client().organizations;
    const changed = changedFields(ORGANIZATION_DIFF_RULES, olds, news);
    const body = toUpdateBody(news, changed);
    let live: OrganizationWire | undefined;
    if (Object.keys(body).length) live = await api.update(id, body);
    if (changed.includes("features")) {
      const features = toFeatureToggles(news.features);
      if (features.length) live = await api.updateSettings(id, features);
    }
    return { outs: live ? toOutputs(news, live) : { ...news, organizationId: olds.organizationId, createTime: olds.createTime, regionCode: olds.regionCode } };
  },

  async delete(id, _props, context) {
    await deleteIfPresent(() => context.client().organizations.delete(id));
  },
};

async function createOrAdopt(inputs: OrganizationInputs, context: ResourceContext): Promise<OrganizationWire> {
  const api = context.client().organizations;
  try {
    return await api.create(toCreateBody(inputs));
  } catch (error) {
    if (!(isConflict(error) && inputs.externalId)) throw error;
    const existing = await api.getByExternalId(inputs.externalId);
    context.log.warn(`organization with externalId ${JSON.stringify(inputs.externalId)} already exists (${existing.id}); adopting it`);
    return updateDifferingFields(existing, inputs, changedFields(ORGANIZATION_DIFF_RULES, observedInputs(existing, inputs), inputs), context);
  }
}
