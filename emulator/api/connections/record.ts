import type { ConnectionProvider, ConnectionType } from "./enums";

/** A certificate parsed from the `idp_certificate` PEM a client wrote. */
export interface IdpCertificate {
  id: string;
  certificate: string;
  create_time: string;
  expiry_time: string;
  issuer: string;
}

/** SAML settings as written through `SAMLConnectionConfigRequest`; absent key = unset. */
export interface SamlSettings {
  strings: Record<string, string>;
  enums: Record<string, string>;
  flags: Record<string, boolean>;
  idp_certificates: IdpCertificate[];
}

/** OIDC settings as written through `OIDCConnectionConfig`; the client secret is kept, never returned. */
export interface OidcSettings {
  strings: Record<string, string>;
  flags: Record<string, boolean>;
  scopes: string[];
  token_auth_type?: string;
}

export interface ConnectionRecord {
  id: string;
  organization_id: string;
  provider: ConnectionProvider;
  type: ConnectionType;
  enabled: boolean;
  debug_enabled: boolean;
  ui_button_title?: string;
  configuration_type?: string;
  attribute_mapping: Record<string, string>;
  provider_key: string;
  key_id?: string;
  create_time: string;
  update_time: string;
  saml?: SamlSettings;
  oidc?: OidcSettings;
}
