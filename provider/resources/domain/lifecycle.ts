import type { DomainWire } from "../../api/wire";
import { isApiError } from "../../core/api-error";
import { checkInputs } from "../../core/check";
import { diffByRules } from "../../core/diff";
import { compositeId, splitCompositeId } from "../../core/ids";
import { isUnknown } from "../../core/unknowns";
import { deleteIfPresent, readLive, type ResourceContext, type ResourceLifecycle } from "../lifecycle";
import { observedInputs, toOutputs } from "./mapping";
import { DOMAIN_DIFF_RULES, DomainInputs, type DomainOutputs } from "./schema";

/**
 * Domain: one POST; id `org_…/dom_…`. Scalekit keeps a domain unique in the environment, so a
 * replacement that keeps the domain name deletes the old one first, and a create that finds the
 * domain already in the same organization adopts it. With `adopt`, the create looks first and makes
 * no write when the organization has the domain.
 */
export const domainLifecycle: ResourceLifecycle<DomainInputs, DomainOutputs> = {
  async check(_olds, news) {
    return checkInputs(DomainInputs, news);
  },

  diff(_id, olds, news) {
    const outcome = diffByRules(DOMAIN_DIFF_RULES, olds, news);
    // A name not known yet (preview) may well be the same: plan the order a same name needs.
    const sameName = olds.domain === news.domain || isUnknown(news.domain);
    return { ...outcome, deleteBeforeReplace: outcome.replaces.length > 0 && sameName };
  },

  async create(inputs, context) {
    const adopted = inputs.adopt ? await existingDomain(inputs, context) : undefined;
    if (adopted) context.log.debug(`adopting domain ${inputs.domain} of ${inputs.organizationId} (${adopted.id})`);
    const live = adopted ?? (await createOrAdopt(inputs, context));
    return { id: compositeId(inputs.organizationId, live.id), outs: toOutputs(inputs, live) };
  },

  async read(id, _props, context) {
    const [organizationId, domainId] = splitCompositeId(id, "domain");
    const live = await readLive("domain", id, () => context.client().domains.get(organizationId, domainId), context);
    if (!live) return {};
    const inputs = observedInputs(live, organizationId);
    return { id, props: toOutputs(inputs, live), inputs };
  },

  async update(_id, olds, news) {
    // Every input replaces; an update only carries new provider code into the state.
    return { outs: { ...olds, ...news } };
  },

  async delete(id, _props, context) {
    const [organizationId, domainId] = splitCompositeId(id, "domain");
    await deleteIfPresent(() => context.client().domains.delete(organizationId, domainId));
  },
};

async function createOrAdopt(inputs: DomainInputs, context: ResourceContext): Promise<DomainWire> {
  const api = context.client().domains;
  try {
    return await api.create(inputs.organizationId, { domain: inputs.domain, domain_type: inputs.domainType });
  } catch (error) {
    if (!(isApiError(error) && (error.status === 400 || error.status === 409))) throw error;
    const existing = await existingDomain(inputs, context);
    if (!existing) throw error;
    context.log.warn(`domain ${inputs.domain} already exists in ${inputs.organizationId} (${existing.id}); adopting it`);
    return existing;
  }
}

/** The organization's domain of this name, if it has one; refused when it is of another type (a domain cannot change). */
async function existingDomain(inputs: DomainInputs, context: ResourceContext): Promise<DomainWire | undefined> {
  const existing = await context.client().domains.findByName(inputs.organizationId, inputs.domain);
  if (existing?.domain_type && existing.domain_type !== inputs.domainType) {
    throw new Error(`domain ${inputs.domain} already exists in ${inputs.organizationId} as ${existing.domain_type}, not ${inputs.domainType}; delete it or change domainType`);
  }
  return existing;
}
