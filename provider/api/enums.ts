/** Enum names as the management API spells them on the wire. */

export const CONNECTION_PROVIDERS = [
  "OKTA", "GOOGLE", "MICROSOFT_AD", "AUTH0", "ONELOGIN", "PING_IDENTITY", "JUMPCLOUD", "CUSTOM",
  "GITHUB", "GITLAB", "LINKEDIN", "SALESFORCE", "MICROSOFT", "IDP_SIMULATOR", "SCALEKIT", "ADFS",
] as const;
export type ConnectionProvider = (typeof CONNECTION_PROVIDERS)[number];

export const CONNECTION_TYPES = [
  "OIDC", "SAML", "PASSWORD", "OAUTH", "PASSWORDLESS", "BASIC", "BEARER", "API_KEY", "WEBAUTHN",
  "OAUTH_M2M", "TRELLO_OAUTH1", "GOOGLE_DWD", "TRUSTED_IDP", "SMART_FHIR", "NO_AUTH",
] as const;
export type ConnectionType = (typeof CONNECTION_TYPES)[number];

/** The connection types an SSO connection can have (the others serve social, M2M and tool connections). */
export const SSO_CONNECTION_TYPES = ["SAML", "OIDC"] as const;
export type SsoConnectionType = (typeof SSO_CONNECTION_TYPES)[number];

export const CONNECTION_STATUSES = ["DRAFT", "IN_PROGRESS", "COMPLETED"] as const;
export type ConnectionStatus = (typeof CONNECTION_STATUSES)[number];

export const DOMAIN_TYPES = ["ORGANIZATION_DOMAIN", "ALLOWED_EMAIL_DOMAIN"] as const;
export type DomainType = (typeof DOMAIN_TYPES)[number];


export const ORGANIZATION_FEATURES = ["sso", "dir_sync", "domain_verification", "session_policy"] as const;
export type OrganizationFeature = (typeof ORGANIZATION_FEATURES)[number];

export const PORTAL_LINK_FEATURES = ["sso", "dir_sync"] as const;
export type PortalLinkFeature = (typeof PORTAL_LINK_FEATURES)[number];

export const NAME_ID_FORMATS = ["UNSPECIFIED", "EMAIL", "TRANSIENT", "PERSISTENT"] as const;
export const REQUEST_BINDINGS = ["HTTP_POST", "HTTP_REDIRECT"] as const;
export const SAML_SIGNING_OPTIONS = [
  "NO_SIGNING", "SAML_ONLY_RESPONSE_SIGNING", "SAML_ONLY_ASSERTION_SIGNING",
  "SAML_RESPONSE_ASSERTION_SIGNING", "SAML_RESPONSE_OR_ASSERTION_SIGNING",
] as const;
export const OIDC_SCOPES = ["openid", "profile", "email", "address", "phone"] as const;
export const TOKEN_AUTH_TYPES = ["URL_PARAMS", "BASIC_AUTH"] as const;
export const CONFIGURATION_TYPES = ["DISCOVERY", "MANUAL"] as const;
