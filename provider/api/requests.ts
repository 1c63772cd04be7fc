/** Request bodies of the management API, as sent on the wire (snake_case, enums by name). */

import type { ConnectionProvider, DomainType, OrganizationFeature, SsoConnectionType } from "./enums";

export interface CreateOrganizationBody {
  display_name: string;
  external_id?: string;
  metadata?: Record<string, string>;
  slug?: string;
  logo_url?: string;
}

/** True PATCH: only the keys present are changed; `slug: ""` clears the slug. */
export type UpdateOrganizationBody = Partial<CreateOrganizationBody>;

export interface OrganizationFeatureToggle {
  name: OrganizationFeature;
  enabled: boolean;
}

export interface CreateDomainBody {
  domain: string;
  domain_type: DomainType;
}

export interface CreateConnectionBody {
  provider: ConnectionProvider;
  type: SsoConnectionType;
  key_id?: string;
}

export interface SamlConfigBody {
  idp_metadata_url?: string;
  idp_entity_id?: string;
  idp_sso_url?: string;
  idp_slo_url?: string;
  /** A single PEM certificate; reads return it inside `idp_certificates[]`. */
  idp_certificate?: string;
  idp_name_id_format?: string;
  idp_sso_request_binding?: string;
  idp_slo_request_binding?: string;
  saml_signing_option?: string;
  default_redirect_uri?: string;
  ui_button_title?: string;
  force_authn?: boolean;
  assertion_encrypted?: boolean;
  want_request_signed?: boolean;
  idp_slo_required?: boolean;
  sync_user_profile_on_login?: boolean;
  jit_provisioning_with_sso_enabled?: boolean;
}

export interface OidcConfigBody {
  issuer?: string;
  discovery_endpoint?: string;
  authorize_uri?: string;
  token_uri?: string;
  user_info_uri?: string;
  jwks_uri?: string;
  client_id?: string;
  client_secret?: string;
  scopes?: string[];
  token_auth_type?: string;
  pkce_enabled?: boolean;
  idp_logout_required?: boolean;
  sync_user_profile_on_login?: boolean;
  jit_provisioning_with_sso_enabled?: boolean;
}

export interface UpdateConnectionBody {
  provider?: ConnectionProvider;
  type?: SsoConnectionType;
  key_id?: string;
  configuration_type?: "DISCOVERY" | "MANUAL";
  debug_enabled?: boolean;
  ui_button_title?: string;
  attribute_mapping?: Record<string, string>;
  saml_config?: SamlConfigBody;
  oidc_config?: OidcConfigBody;
}

/** `CreateResource` for an MCP server; the server URL goes in `resource_id`. */
export interface CreateResourceBody {
  resource_type: "MCP_SERVER";
  name: string;
  description?: string;
  resource_id: string;
  scopes?: string[];
  access_token_expiry?: number;
  refresh_token_expiry?: number;
  disable_dynamic_client_registration?: boolean;
  enable_cimd?: boolean;
}

/** `UpdateResource`: only the keys present change (`resource_type` cannot). */
export type UpdateResourceBody = Partial<Omit<CreateResourceBody, "resource_type">>;
