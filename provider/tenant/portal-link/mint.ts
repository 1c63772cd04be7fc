import type { ScalekitClient } from "../../api/client";
import type { PortalLinkFeature } from "../../api/enums";
import type { OrganizationWire } from "../../api/wire";
import { ApiError } from "../../core/api-error";
import { describeLocator, findOrganization, type OrganizationLocator } from "../organization-locator";

/** A freshly minted admin portal link: single use, valid until `expireTime`. `location` is a secret. */
export interface MintedPortalLink {
  organizationId: string;
  organizationName?: string;
  features: PortalLinkFeature[];
  linkId: string;
  location: string;
  expireTime: string;
}

/** A link that was not minted, and why; the organization was not changed. */
export class PortalLinkRefused extends Error {
  constructor(readonly reason: string) {
    super(`no admin portal link was minted: ${reason}`);
    this.name = "PortalLinkRefused";
  }
}

/**
 * Mints a new admin portal link for the organization with this id or external id. Features the
 * organization has not enabled are refused before asking Scalekit (which answers INVALID_ARGUMENT
 * for them, e.g. dir_sync on an organization without directory sync; that answer is a refusal too).
 */
export async function mintPortalLink(client: ScalekitClient, request: OrganizationLocator & { features: readonly PortalLinkFeature[] }): Promise<MintedPortalLink> {
  const organization = await findOrganization(client, request);
  if (!organization) throw new PortalLinkRefused(`no organization has the ${describeLocator(request)}; run \`up\` for the tenant first`);
  const features = [...new Set(request.features)].sort();
  const disabled = features.filter((feature) => !isEnabled(organization, feature));
  if (disabled.length) {
    throw new PortalLinkRefused(
      `organization ${organization.id} has not enabled ${disabled.join(" and ")} (its settings list ${enabledFeatures(organization)}); ` +
        `enable ${disabled.length === 1 ? "it" : "them"} with \`features: { ${disabled.map((feature) => `${feature}: true`).join(", ")} }\` in the tenants file and run \`up\``,
    );
  }
  try {
    const link = await client.portalLinks.generate(organization.id, features);
    return { organizationId: organization.id, organizationName: organization.display_name ?? undefined, features, linkId: link.id, location: link.location, expireTime: link.expire_time };
  } catch (error) {
    throw refusalOf(error) ?? error;
  }
}

/** Scalekit's INVALID_ARGUMENT answer to a link request, as a refusal with the server's reason. */
export function refusalOf(error: unknown): PortalLinkRefused | undefined {
  if (!(error instanceof ApiError) || error.kind !== "http" || error.status !== 400) return undefined;
  return new PortalLinkRefused(`Scalekit refused the link: ${error.serverMessage}`);
}

const isEnabled = (organization: OrganizationWire, feature: string) => organization.settings?.features?.some((setting) => setting.name === feature && setting.enabled) === true;

function enabledFeatures(organization: OrganizationWire): string {
  const enabled = (organization.settings?.features ?? []).filter((setting) => setting.enabled).map((setting) => setting.name);
  return enabled.length ? `only ${enabled.join(", ")} as enabled` : "no enabled feature";
}
