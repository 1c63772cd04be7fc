import { invalidField, notFound } from "../../errors";
import type { Environment } from "../../environment";
import { decodePageToken, encodePageToken } from "../../http/page-token";
import { readQuery } from "../../http/query";
import { jsonBody, ok, type ApiRequest, type Reply, type RouteTable } from "../../http/route-table";
import { readMessage, type WireObject } from "../../http/wire-message";
import { requireOrganization } from "./lookup";
import { CREATE_ORGANIZATION, ORGANIZATION_SETTINGS, UPDATE_ORGANIZATION } from "./messages";
import type { FeatureSetting, OrganizationRecord } from "./record";
import { assertUnique, checkDisplayName, checkExternalId, checkLogoUrl, checkMetadata, checkSlug } from "./rules";

const DEFAULT_PAGE_SIZE = 10;
const MIN_PAGE_SIZE = 10;
const MAX_PAGE_SIZE = 100;

export function registerOrganizationRoutes(routes: RouteTable): void {
  routes
    .add("POST", "/api/v1/organizations", createOrganization)
    .add("GET", "/api/v1/organizations", listOrganizations)
    .add("GET", "/api/v1/organizations/{id}", getOrganization)
    .add("GET", "/api/v1/organizations:external/{external_id}", getOrganizationByExternalId)
    .add("PATCH", "/api/v1/organizations/{id}", updateOrganization)
    .add("PATCH", "/api/v1/organizations/{id}/settings", updateOrganizationSettings)
    .add("DELETE", "/api/v1/organizations/{id}", deleteOrganization);
}

function createOrganization(request: ApiRequest): Reply {
  readQuery(request.query, {});
  const body = readMessage(jsonBody(request), CREATE_ORGANIZATION);
  const { env } = request;
  const now = new Date().toISOString();
  const org: OrganizationRecord = {
    id: "",
    create_time: now,
    update_time: now,
    display_name: checkDisplayName(body.display_name),
    region_code: (body.region_code as OrganizationRecord["region_code"] | null | undefined) ?? "US",
    metadata: checkMetadata((body.metadata as Record<string, string> | null | undefined) ?? {}),
    settings: { features: [] },
  };
  if (isSet(body.external_id)) org.external_id = checkExternalId(body.external_id as string);
  if (isSet(body.slug)) org.slug = checkSlug(body.slug as string);
  if (isSet(body.logo_url)) org.logo_url = checkLogoUrl(body.logo_url as string);
  return env.transaction(() => {
    if (org.external_id !== undefined) assertUnique(env, "external_id", org.external_id);
    if (org.slug !== undefined) assertUnique(env, "slug", org.slug);
    org.id = env.ids.next("org");
    env.organizations.insert(org);
    return ok({ organization: org }, 201);
  });
}

function getOrganization(request: ApiRequest): Reply {
  readQuery(request.query, {});
  return ok({ organization: requireOrganization(request.env, request.params.id) });
}

function getOrganizationByExternalId(request: ApiRequest): Reply {
  const query = readQuery(request.query, { id: "string" });
  // GetOrganizationRequest is a oneof: an `id` query parameter replaces the external id.
  if (query.id !== undefined) throw invalidField("external_id", "ExternalId is required");
  const externalId = request.params.external_id;
  const [org] = request.env.organizations.findBy("external_id", externalId);
  if (!org) throw notFound("organization with external_id", externalId);
  return ok({ organization: org });
}

function listOrganizations(request: ApiRequest): Reply {
  const query = readQuery(request.query, { page_size: "int", page_token: "string", external_id: "string" });
  const pageSize = (query.page_size as number | undefined) || DEFAULT_PAGE_SIZE;
  if (pageSize < MIN_PAGE_SIZE || pageSize > MAX_PAGE_SIZE) {
    throw invalidField("page_size", `must be between ${MIN_PAGE_SIZE} and ${MAX_PAGE_SIZE}`);
  }
  const externalId = query.external_id as string | undefined;
  const all = externalId === undefined ? request.env.organizations.list() : request.env.organizations.findBy("external_id", externalId);
  const scope = `organizations:${externalId ?? ""}:${pageSize}`;
  const token = query.page_token as string | undefined;
  const offset = token ? decodePageToken(token, scope) : 0;
  const page = all.slice(offset, offset + pageSize);
  const next = offset + pageSize < all.length ? encodePageToken(offset + pageSize, scope) : "";
  const prev = offset > 0 ? encodePageToken(Math.max(0, offset - pageSize), scope) : "";
  return ok({ next_page_token: next, total_size: all.length, organizations: page, prev_page_token: prev });
}

function updateOrganization(request: ApiRequest): Reply {
  readQuery(request.query, {});
  const patch = readMessage(jsonBody(request), UPDATE_ORGANIZATION);
  const { env } = request;
  return env.transaction(() => {
    const org = requireOrganization(env, request.params.id);
    applyOrganizationPatch(env, org, patch);
    org.update_time = new Date().toISOString();
    env.organizations.update(org);
    return ok({ organization: org });
  });
}

/** True PATCH: only keys present change; `null` or `""` clears an optional string. */
function applyOrganizationPatch(env: Environment, org: OrganizationRecord, patch: WireObject): void {
  if ("display_name" in patch) org.display_name = checkDisplayName(patch.display_name ?? "");
  if ("metadata" in patch) org.metadata = checkMetadata((patch.metadata as Record<string, string> | null) ?? {});
  if ("external_id" in patch) {
    const value = patch.external_id as string | null;
    if (!value) delete org.external_id;
    else {
      assertUnique(env, "external_id", value, org.id);
      org.external_id = value;
    }
  }
  if ("slug" in patch) {
    const value = patch.slug as string | null;
    if (!value) delete org.slug;
    else {
      checkSlug(value);
      assertUnique(env, "slug", value, org.id);
      org.slug = value;
    }
  }
  if ("logo_url" in patch) {
    const value = patch.logo_url as string | null;
    if (!value) delete org.logo_url;
    else org.logo_url = checkLogoUrl(value);
  }
}

function updateOrganizationSettings(request: ApiRequest): Reply {
  readQuery(request.query, {});
  const id = request.params.id;
  if (!id.startsWith("org_") || id.length > 32) throw invalidField("id", "must be an organization id (org_…)");
  const body = readMessage(jsonBody(request), ORGANIZATION_SETTINGS);
  const changes = ((body.features as WireObject[] | null | undefined) ?? []).map((feature, i): FeatureSetting => {
    if (typeof feature.name !== "string") throw invalidField(`features[${i}].name`, "is required");
    if (typeof feature.enabled !== "boolean") throw invalidField(`features[${i}].enabled`, "is required");
    return { name: feature.name, enabled: feature.enabled };
  });
  const { env } = request;
  return env.transaction(() => {
    const org = requireOrganization(env, id);
    for (const change of changes) {
      const existing = org.settings.features.find((f) => f.name === change.name);
      if (existing) existing.enabled = change.enabled;
      else org.settings.features.push(change);
    }
    org.update_time = new Date().toISOString();
    env.organizations.update(org);
    return ok({ organization: org });
  });
}

function deleteOrganization(request: ApiRequest): Reply {
  readQuery(request.query, {});
  const { env } = request;
  const id = request.params.id;
  return env.transaction(() => {
    if (!env.organizations.delete(id)) throw notFound("organization", id);
    env.domains.deleteByParent(id);
    env.connections.deleteByParent(id);
    env.portalLinks.deleteByParent(id);
    return ok({});
  });
}

function isSet(value: unknown): boolean {
  return value !== undefined && value !== null;
}
