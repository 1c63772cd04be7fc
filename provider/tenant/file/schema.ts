import { z } from "zod";
import { DOMAIN_TYPES } from "../../api/enums";
import { domainNameField } from "../../core/domain-name";
import { AdminPortalLinkInputs } from "../../resources/admin-portal-link/schema";
import { DomainInputs } from "../../resources/domain/schema";
import { OrganizationInputs } from "../../resources/organization/schema";
import { OidcSettings, SamlSettings, SsoConnectionInputs } from "../../resources/sso-connection/schema";
import { PORTAL_LINK_NOT_ADOPTABLE } from "../adoption-rules";
import { tenantKeyField } from "../tenant-key";
import { SecretReference } from "./secret-reference";

/** Spellings people use for an identity provider, mapped to Scalekit's provider names. */
const PROVIDER_ALIASES: Record<string, string> = { ENTRA_ID: "MICROSOFT_AD", ENTRA: "MICROSOFT_AD", AZURE_AD: "MICROSOFT_AD", GOOGLE_WORKSPACE: "GOOGLE" };

const providerField = z.preprocess((value) => {
  if (typeof value !== "string") return value;
  const name = value.trim().toUpperCase().replace(/[\s-]+/g, "_");
  return PROVIDER_ALIASES[name] ?? name;
}, SsoConnectionInputs.shape.provider);

const organization = OrganizationInputs.shape;
const connection = SsoConnectionInputs.shape;
const portal = AdminPortalLinkInputs.shape;

const domainEntry = z.union(
  [
    domainNameField,
    z.object({ domain: domainNameField, type: DomainInputs.shape.domainType }).strict(),
  ],
  { error: () => `must be a domain name, or { domain: <name>, type: ${DOMAIN_TYPES.join(" | ")} }` },
);

/** OIDC settings with the client secret as a reference; the connection's own rules apply to the rest. */
const oidcEntry = z
  .object({ ...OidcSettings.shape, clientSecret: SecretReference })
  .strict()
  .superRefine((oidc, context) => {
    const whole = OidcSettings.safeParse({ ...oidc, clientSecret: "referenced" });
    for (const issue of whole.success ? [] : whole.error.issues) context.addIssue({ code: "custom", path: issue.path, message: issue.message });
  });

export const TenantSsoEntry = z
  .object({
    provider: providerField,
    saml: SamlSettings.optional(),
    oidc: oidcEntry.optional(),
    enabled: connection.enabled,
    attributeMapping: connection.attributeMapping,
    validateIdp: connection.validateIdp,
    debugEnabled: connection.debugEnabled,
    uiButtonTitle: connection.uiButtonTitle,
    connectionId: connection.connectionId,
  })
  .strict()
  // Checked even when saml or oidc has problems of its own, so every problem shows at once.
  .refine((sso) => Boolean(sso.saml) !== Boolean(sso.oidc), {
    message: "needs exactly one of saml or oidc",
    when: ({ value }) => typeof value === "object" && value !== null,
  });

export const TenantAdminPortalEntry = z.union([
  z.boolean(),
  z.object({ features: portal.features, triggers: portal.triggers, regenerateWhenExpired: portal.regenerateWhenExpired }).strict(),
]);

/** One entry of `tenants:` in tenants.yaml. Field rules are the resources' own. */
export const TenantEntry = z
  .object({
    key: tenantKeyField,
    name: organization.displayName,
    externalId: organization.externalId,
    slug: organization.slug,
    logoUrl: organization.logoUrl,
    metadata: organization.metadata,
    features: organization.features,
    protect: z.boolean().default(true),
    domains: z.array(domainEntry).default([]),
    sso: TenantSsoEntry.optional(),
    adminPortal: TenantAdminPortalEntry.optional(),
    adopt: z.boolean().optional(),
    organizationId: organization.organizationId,
    moving: z.boolean().optional(),
  })
  .strict()
  .refine((entry) => !(entry.adopt && entry.adminPortal), {
    path: ["adminPortal"],
    message: PORTAL_LINK_NOT_ADOPTABLE,
    when: ({ value }) => typeof value === "object" && value !== null,
  });

export type TenantEntry = z.output<typeof TenantEntry>;
export type TenantSsoEntry = z.output<typeof TenantSsoEntry>;

/** The top level of tenants.yaml (entries are validated one by one, so each problem names its tenant). */
export const TenantsFileShape = z
  .object({ tenants: z.array(z.unknown(), { error: (issue) => (issue.input === undefined ? "is required: list the customers under `tenants:`" : "must be a list of tenants") }) })
  .strict();
