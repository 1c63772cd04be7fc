import { checkInputs } from "../../core/check";
import { diffByRules } from "../../core/diff";
import { compositeId, splitCompositeId } from "../../core/ids";
import { deleteIfPresent, type ResourceLifecycle } from "../lifecycle";
import { ADMIN_PORTAL_LINK_DIFF_RULES, AdminPortalLinkInputs, type AdminPortalLinkOutputs } from "./schema";

/**
 * Admin portal link: a PUT generates a single-use link valid for about a minute (opening it starts a
 * six-hour admin session); delete revokes it. Scalekit cannot read a link back with API credentials,
 * so refresh keeps the recorded state. A fresh link comes from changing `triggers`, or on every `up`
 * after expiry with `regenerateWhenExpired`.
 */
export const adminPortalLinkLifecycle: ResourceLifecycle<AdminPortalLinkInputs, AdminPortalLinkOutputs> = {
  async check(_olds, news) {
    return checkInputs(AdminPortalLinkInputs, news);
  },

  diff(_id, olds, news) {
    const outcome = diffByRules(ADMIN_PORTAL_LINK_DIFF_RULES, olds, news);
    const expired = news.regenerateWhenExpired === true && typeof olds.expireTime === "string" && Date.parse(olds.expireTime) <= Date.now();
    if (!expired) return outcome;
    return { ...outcome, changes: true, replaces: [...outcome.replaces, "expireTime"] };
  },

  async create(inputs, context) {
    const link = await context.client().portalLinks.generate(inputs.organizationId, inputs.features);
    return {
      id: compositeId(inputs.organizationId, link.id),
      outs: { ...inputs, linkId: link.id, location: link.location, expireTime: link.expire_time },
    };
  },

  async read(id, props) {
    return { id, props, inputs: pickInputs(props) };
  },

  async update(_id, olds, news) {
    return { outs: { ...olds, ...news } };
  },

  async delete(id, _props, context) {
    const [organizationId, linkId] = splitCompositeId(id, "portal link");
    await deleteIfPresent(() => context.client().portalLinks.revoke(organizationId, linkId));
  },
};

function pickInputs(props: AdminPortalLinkOutputs): AdminPortalLinkInputs {
  const { organizationId, features, triggers, regenerateWhenExpired } = props;
  return { organizationId, features, triggers, regenerateWhenExpired };
}
