import { invalidField, notFound } from "../../errors";
import { readQuery } from "../../http/query";
import { ok, type ApiRequest, type Reply, type RouteTable } from "../../http/route-table";
import { randomUuid } from "../../secrets";
import { requireOrganization } from "../organizations/lookup";
import type { OrganizationRecord } from "../organizations/record";
import { adminPortalSessionPage } from "./magic-link-page";
import { PORTAL_FEATURES, type PortalLinkRecord } from "./record";

export function registerPortalLinkRoutes(routes: RouteTable): void {
  routes
    .add("PUT", "/api/v1/organizations/{id}/portal_links", generatePortalLink)
    .add("DELETE", "/api/v1/organizations/{id}/portal_links/{link_id}", revokePortalLink)
    .add("GET", "/magicLink/{token}", openMagicLink, "none");
}

function generatePortalLink(request: ApiRequest): Reply {
  const query = readQuery(request.query, { features: "repeated" });
  const features = (query.features as string[] | undefined) ?? [];
  for (const feature of features) {
    if (!(PORTAL_FEATURES as readonly string[]).includes(feature)) {
      throw invalidField("features", `must be one of ${PORTAL_FEATURES.join(", ")}`);
    }
  }
  checkPrefixedId("id", request.params.id, "org_");
  const { env } = request;
  return env.transaction(() => {
    const org = requireOrganization(env, request.params.id);
    const enabled = enabledPortalFeatures(org);
    const disabled = features.find((feature) => !enabled.includes(feature));
    if (disabled !== undefined) {
      throw invalidField("features", `the ${disabled} feature is not enabled for organization ${org.id}; enable it in the organization's settings first`);
    }
    const now = Date.now();
    const link: PortalLinkRecord = {
      id: env.ids.next("lnk"),
      organization_id: org.id,
      token: randomUuid(),
      features: features.length > 0 ? [...new Set(features)] : enabled,
      create_time: new Date(now).toISOString(),
      expire_time: new Date(now + env.portalLinkTtlSeconds * 1000).toISOString(),
    };
    env.portalLinks.insert(link, org.id);
    return ok({ link: { id: link.id, location: `${env.url}/magicLink/${link.token}`, expire_time: link.expire_time } });
  });
}

function revokePortalLink(request: ApiRequest): Reply {
  readQuery(request.query, {});
  checkPrefixedId("id", request.params.id, "org_");
  checkLinkId(request.params.link_id);
  const { env } = request;
  return env.transaction(() => {
    const org = requireOrganization(env, request.params.id);
    const link = env.portalLinks.get(request.params.link_id);
    if (!link || link.organization_id !== org.id || link.revoked_at) throw notFound("portal link", request.params.link_id);
    link.revoked_at = new Date().toISOString();
    env.portalLinks.update(link);
    return ok({});
  });
}

/** Single use within its lifetime: the first open starts a session, every later open is 410 Gone. */
function openMagicLink(request: ApiRequest): Reply {
  const { env } = request;
  const [link] = env.portalLinks.findBy("token", request.params.token);
  if (!link) return { status: 404, html: "<!doctype html><p>Unknown admin portal link.</p>\n" };
  const gone = (reason: string): Reply => ({ status: 410, html: `<!doctype html><p>This admin portal link ${reason}.</p>\n` });
  if (link.revoked_at) return gone("was revoked");
  if (link.opened_at) return gone("was already used");
  if (Date.now() >= Date.parse(link.expire_time)) return gone("has expired");
  link.opened_at = new Date().toISOString();
  env.portalLinks.update(link);
  return { status: 200, html: adminPortalSessionPage(env.organizations.get(link.organization_id), link.features) };
}

/**
 * Portal features the organization has switched on. Scalekit refuses a link for any other one
 * (INVALID_ARGUMENT for dir_sync when disabled, in scalekit-sdk-java's live tests); without
 * `features` the link covers the ones enabled.
 */
function enabledPortalFeatures(org: OrganizationRecord): string[] {
  return PORTAL_FEATURES.filter((name) => org.settings.features.some((feature) => feature.name === name && feature.enabled));
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Link ids are `lnk_…` in the protos' validation but a UUID in the docs' example: both are accepted. */
function checkLinkId(value: string): void {
  if (!UUID.test(value)) checkPrefixedId("link_id", value, "lnk_");
}

function checkPrefixedId(name: string, value: string, prefix: string): void {
  if (!value.startsWith(prefix) || value.length > 32) throw invalidField(name, `must start with ${prefix} and be at most 32 characters`);
}

