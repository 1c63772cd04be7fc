import { z } from "zod";

/*
 * Response shapes of the management API (snake_case, enums as names). Reads are tolerant: optional
 * fields are nullish and enum values are plain strings, so a new server-side value does not break us.
 */

const text = z.string().nullish();
const flag = z.boolean().nullish();
const stringMap = z.record(z.string(), z.string()).nullish();

export const OrganizationFeatureWire = z.object({ name: z.string(), enabled: z.boolean() });

export const OrganizationWire = z.object({
  id: z.string().min(1),
  create_time: z.string(),
  update_time: text,
  display_name: text,
  external_id: text,
  metadata: stringMap,
  region_code: text,
  slug: text,
  logo_url: text,
  settings: z.object({ features: z.array(OrganizationFeatureWire).nullish() }).nullish(),
});
export type OrganizationWire = z.output<typeof OrganizationWire>;

export const OrganizationEnvelope = z.object({ organization: OrganizationWire });
export const OrganizationPage = z.object({
  organizations: z.array(OrganizationWire).nullish(),
  next_page_token: text,
  prev_page_token: text,
  total_size: z.number().nullish(),
});

export const DomainWire = z.object({
  id: z.string().min(1),
  domain: z.string(),
  organization_id: text,
  environment_id: text,
  domain_type: text,
  verification_status: text,
  verification_method: text,
  txt_record_key: text,
  txt_record_secret: text,
  create_time: text,
  update_time: text,
});
export type DomainWire = z.output<typeof DomainWire>;

export const DomainEnvelope = z.object({ domain: DomainWire });
export const DomainPage = z.object({
  domains: z.array(DomainWire).nullish(),
  page_number: z.number().nullish(),
  page_size: z.number().nullish(),
});

export const IdpCertificateWire = z.object({
  id: text,
  certificate: text,
  create_time: text,
  expiry_time: text,
  issuer: text,
});

export const SamlConfigWire = z.object({
  idp_metadata_url: text,
  idp_entity_id: text,
  idp_sso_url: text,
  idp_slo_url: text,
  idp_certificates: z.array(IdpCertificateWire).nullish(),
  idp_name_id_format: text,
  idp_sso_request_binding: text,
  idp_slo_request_binding: text,
  saml_signing_option: text,
  sp_entity_id: text,
  sp_assertion_url: text,
  sp_metadata_url: text,
  sp_slo_url: text,
  default_redirect_uri: text,
  ui_button_title: text,
  certificate_id: text,
  allow_idp_initiated_login: flag,
  force_authn: flag,
  assertion_encrypted: flag,
  want_request_signed: flag,
  idp_slo_required: flag,
  sync_user_profile_on_login: flag,
  jit_provisioning_with_sso_enabled: flag,
});
export type SamlConfigWire = z.output<typeof SamlConfigWire>;

export const OidcConfigWire = z.object({
  issuer: text,
  discovery_endpoint: text,
  authorize_uri: text,
  token_uri: text,
  user_info_uri: text,
  jwks_uri: text,
  client_id: text,
  client_secret: text,
  scopes: z.array(z.string()).nullish(),
  token_auth_type: text,
  redirect_uri: text,
  pkce_enabled: flag,
  idp_logout_required: flag,
  sync_user_profile_on_login: flag,
  jit_provisioning_with_sso_enabled: flag,
  post_logout_redirect_uri: text,
  backchannel_logout_redirect_uri: text,
});
export type OidcConfigWire = z.output<typeof OidcConfigWire>;

export const ConnectionWire = z.object({
  id: z.string().min(1),
  organization_id: text,
  provider: z.string(),
  type: z.string(),
  status: text,
  enabled: flag,
  debug_enabled: flag,
  configuration_type: text,
  test_connection_uri: text,
  attribute_mapping: stringMap,
  key_id: text,
  provider_key: text,
  ui_button_title: text,
  saml_config: SamlConfigWire.nullish(),
  oidc_config: OidcConfigWire.nullish(),
  create_time: text,
  update_time: text,
});
export type ConnectionWire = z.output<typeof ConnectionWire>;

export const ConnectionEnvelope = z.object({ connection: ConnectionWire });

export const ConnectionSummaryWire = z.object({
  id: z.string().min(1),
  organization_id: text,
  provider: z.string(),
  type: z.string(),
  status: text,
  enabled: flag,
  domains: z.array(z.string()).nullish(),
  organization_name: text,
  provider_key: text,
  key_id: text,
});
export type ConnectionSummaryWire = z.output<typeof ConnectionSummaryWire>;
export const ConnectionList = z.object({ connections: z.array(ConnectionSummaryWire).nullish() });

export const ToggleConnectionResponse = z.object({ enabled: z.boolean().nullish(), error_message: text });

export const PortalLinkWire = z.object({ id: z.string().min(1), location: z.string().min(1), expire_time: z.string() });
export type PortalLinkWire = z.output<typeof PortalLinkWire>;
export const PortalLinkEnvelope = z.object({ link: PortalLinkWire });

/** protojson writes int64 as a string; read either form. */
const int64 = z.union([z.number(), z.string().regex(/^-?\d+$/)]).transform(Number);

/** A scope of an MCP server: Scalekit's `Scope` message (name, and an id and flag it assigns). */
const ResourceScopeWire = z.object({ id: text, name: z.string(), description: text, enabled: flag });

/** Scalekit's `Resource` (PREVIEW, `ClientService` in its protos): for an MCP server, `resource_id` is the server URL. */
export const ResourceWire = z.object({
  id: z.string().min(1),
  name: text,
  description: text,
  resource_type: text,
  resource_id: text,
  resource_uri: text,
  scopes: z.array(ResourceScopeWire).nullish(),
  access_token_expiry: int64.nullish(),
  refresh_token_expiry: int64.nullish(),
  disable_dynamic_client_registration: flag,
  enable_cimd: flag,
  protected_metadata_uri: text,
  create_time: text,
  update_time: text,
});
export type ResourceWire = z.output<typeof ResourceWire>;
export const ResourceEnvelope = z.object({ resource: ResourceWire });
export const ResourcePage = z.object({
  resources: z.array(ResourceWire).nullish(),
  next_page_token: text,
  prev_page_token: text,
  total_size: z.number().nullish(),
});

export const Empty = z.object({}).passthrough();
