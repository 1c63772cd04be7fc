import { field, type MessageSpec } from "../../http/wire-message";
import {
  CONFIGURATION_TYPES, CONNECTION_PROVIDERS, CONNECTION_TYPES, NAME_ID_FORMATS, OIDC_SCOPES,
  REQUEST_BINDINGS, SAML_SIGNING_OPTIONS, TOKEN_AUTH_TYPES,
} from "./enums";

/** String (StringValue) fields of `SAMLConnectionConfigRequest`, `idp_certificate` excepted. */
export const SAML_STRING_FIELDS = [
  "idp_metadata_url", "idp_entity_id", "idp_sso_url", "idp_slo_url", "ui_button_title", "default_redirect_uri",
  "certificate_id", "sp_entity_id", "sp_assertion_url", "sp_slo_url",
] as const;
export const SAML_ENUM_FIELDS = {
  idp_name_id_format: NAME_ID_FORMATS,
  idp_sso_request_binding: REQUEST_BINDINGS,
  idp_slo_request_binding: REQUEST_BINDINGS,
  saml_signing_option: SAML_SIGNING_OPTIONS,
} as const;
export const SAML_FLAG_FIELDS = [
  "force_authn", "assertion_encrypted", "want_request_signed", "idp_slo_required",
  "sync_user_profile_on_login", "jit_provisioning_with_sso_enabled",
] as const;

/** String (StringValue) fields of `OIDCConnectionConfig` that a client writes. */
export const OIDC_STRING_FIELDS = [
  "issuer", "discovery_endpoint", "authorize_uri", "token_uri", "user_info_uri", "jwks_uri", "client_id", "client_secret",
] as const;
/** Fields Scalekit computes; accepted in a write (the message is shared with reads) and ignored. */
export const OIDC_OUTPUT_FIELDS = ["redirect_uri", "post_logout_redirect_uri", "backchannel_logout_redirect_uri"] as const;
export const OIDC_FLAG_FIELDS = ["pkce_enabled", "idp_logout_required", "sync_user_profile_on_login", "jit_provisioning_with_sso_enabled"] as const;

const SAML_CONFIG_REQUEST: MessageSpec = {
  ...Object.fromEntries(SAML_STRING_FIELDS.map((name) => [name, field.string()])),
  idp_certificate: field.string(),
  ...Object.fromEntries(Object.entries(SAML_ENUM_FIELDS).map(([name, values]) => [name, field.enumOf(values)])),
  ...Object.fromEntries(SAML_FLAG_FIELDS.map((name) => [name, field.bool()])),
};

const OIDC_CONFIG: MessageSpec = {
  ...Object.fromEntries([...OIDC_STRING_FIELDS, ...OIDC_OUTPUT_FIELDS].map((name) => [name, field.string()])),
  scopes: field.repeated(field.enumOf(OIDC_SCOPES)),
  token_auth_type: field.enumOf(TOKEN_AUTH_TYPES),
  ...Object.fromEntries(OIDC_FLAG_FIELDS.map((name) => [name, field.bool()])),
};

const NOT_MODELLED = "this configuration kind is not modelled by the emulator (only saml_config and oidc_config are)";
const SET_AFTER_CREATE =
  "configuration cannot be set when creating a connection: create it with provider and type, then PATCH the connection";

/** `CreateConnection`: provider, type, provider_key, key_id — nothing else. */
export const CREATE_CONNECTION: MessageSpec = {
  provider: field.enumOf(CONNECTION_PROVIDERS),
  type: field.enumOf(CONNECTION_TYPES),
  provider_key: field.string(),
  key_id: field.string(),
  ...Object.fromEntries(
    ["saml_config", "oidc_config", "attribute_mapping", "debug_enabled", "ui_button_title", "configuration_type",
      "oauth_config", "passwordless_config", "static_config", "webauthn_config", "google_dwd_config"].map((name) => [
      name,
      field.refused(SET_AFTER_CREATE),
    ]),
  ),
};

/** `UpdateConnection`. Absent wrapper fields stay unchanged. */
export const UPDATE_CONNECTION: MessageSpec = {
  provider: field.enumOf(CONNECTION_PROVIDERS),
  type: field.enumOf(CONNECTION_TYPES),
  debug_enabled: field.bool(),
  ui_button_title: field.string(),
  configuration_type: field.enumOf(CONFIGURATION_TYPES),
  attribute_mapping: field.map(),
  key_id: field.string(),
  provider_key: field.string(),
  saml_config: field.message(SAML_CONFIG_REQUEST),
  oidc_config: field.message(OIDC_CONFIG),
  ...Object.fromEntries(
    ["oauth_config", "passwordless_config", "static_config", "webauthn_config", "google_dwd_config"].map((name) => [
      name,
      field.refused(NOT_MODELLED),
    ]),
  ),
};
