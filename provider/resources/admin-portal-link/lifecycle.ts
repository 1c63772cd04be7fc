import { checkInputs } from "../../core/check";
import { diffByRules } from "../../core/diff";
import { isApiError } from "../../core/api-error";
import { compositeId, splitCompositeId } from "../../core/ids";
import type { ResourceContext, ResourceLifecycle } from "../lifecycle";
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
    const link = await generate(inputs, context);
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
    await revoke(organizationId, linkId, context);
  },
};

/** Scalekit refuses a link for a feature the organization has not enabled; say what to change. */
async function generate(inputs: AdminPortalLinkInputs, context: ResourceContext) {
  try {
    return await context.client().portalLinks.generate(inputs.organizationId, inputs.features);
  } catch (error) {
    if (!(isApiError(error) && error.status === 400 && error.fieldViolations.some((violation) => violation.field === "features"))) throw error;
    const wanted = inputs.features.map((feature) => `${feature}: true`).join(", ");
    throw new Error(`${error.message}. A portal link needs its features enabled on the organization: set features { ${wanted} } on the Organization (a Tenant does this for you)`, { cause: error });
  }
}

/**
 * Statuses with which a revoke says the link cannot be revoked (unknown, expired, used, already
 * revoked, or an id in a form this environment does not take). A link lapses a minute after it was
 * issued anyway, so each means it is already unusable: the resource is gone, with a warning.
 */
const ALREADY_UNUSABLE = new Set([400, 403, 404, 410]);

/** The revoke endpoint is a preview no SDK wraps; link ids come as `lnk_…` or as UUIDs, both are passed through. */
async function revoke(organizationId: string, linkId: string, context: ResourceContext): Promise<void> {
  try {
    await context.client().portalLinks.revoke(organizationId, linkId);
  } catch (error) {
    if (!(isApiError(error) && error.kind === "http" && ALREADY_UNUSABLE.has(error.status))) throw error;
    context.log.warn(`admin portal link ${linkId} of ${organizationId} could not be revoked (${error.status}${error.errorCode ? ` ${error.errorCode}` : ""}); it is already unusable, so it is removed from the stack`);
  }
}

function pickInputs(props: AdminPortalLinkOutputs): AdminPortalLinkInputs {
  const { organizationId, features, triggers, regenerateWhenExpired } = props;
  return { organizationId, features, triggers, regenerateWhenExpired };
}
