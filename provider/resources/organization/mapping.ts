import type { OrganizationFeature } from "../../api/enums";
import type { CreateOrganizationBody, OrganizationFeatureToggle, UpdateOrganizationBody } from "../../api/requests";
import type { OrganizationWire } from "../../api/wire";
import type { OrganizationInputs, OrganizationOutputs } from "./schema";

export function toCreateBody(inputs: OrganizationInputs): CreateOrganizationBody {
  return {
    display_name: inputs.displayName,
    external_id: inputs.externalId,
    metadata: inputs.metadata,
    slug: inputs.slug,
    logo_url: inputs.logoUrl,
  };
}

/** Only the changed fields; a removed slug or metadata is cleared explicitly. */
export function toUpdateBody(news: OrganizationInputs, changed: ReadonlyArray<keyof OrganizationInputs>): UpdateOrganizationBody {
  const body: UpdateOrganizationBody = {};
  if (changed.includes("displayName")) body.display_name = news.displayName;
  if (changed.includes("externalId")) body.external_id = news.externalId;
  if (changed.includes("logoUrl")) body.logo_url = news.logoUrl;
  if (changed.includes("slug")) body.slug = news.slug ?? "";
  if (changed.includes("metadata")) body.metadata = news.metadata ?? {};
  return body;
}

export function toFeatureToggles(features: OrganizationInputs["features"]): OrganizationFeatureToggle[] {
  return Object.entries(features ?? {})
    .filter(([, enabled]) => enabled !== undefined)
    .map(([name, enabled]) => ({ name: name as OrganizationFeature, enabled: enabled as boolean }));
}

/**
 * The inputs that describe the live organization, for the fields this resource manages: a field the
 * program never set stays unset, so a server default is not reported as drift.
 */
export function observedInputs(live: OrganizationWire, managed: Partial<OrganizationInputs>): OrganizationInputs {
  const liveFeatures = new Map((live.settings?.features ?? []).map((feature) => [feature.name, feature.enabled]));
  const features = managed.features
    ? Object.fromEntries(Object.keys(managed.features).map((name) => [name, liveFeatures.get(name) ?? false]))
    : undefined;
  const metadata = live.metadata && Object.keys(live.metadata).length ? live.metadata : undefined;
  return {
    displayName: live.display_name ?? "",
    externalId: managed.externalId !== undefined ? (live.external_id ?? undefined) : undefined,
    metadata,
    slug: live.slug || undefined,
    logoUrl: managed.logoUrl !== undefined ? (live.logo_url ?? undefined) : undefined,
    features,
  };
}

export function toOutputs(inputs: OrganizationInputs, live: OrganizationWire): OrganizationOutputs {
  return {
    ...inputs,
    organizationId: live.id,
    createTime: live.create_time,
    regionCode: live.region_code ?? undefined,
  };
}
