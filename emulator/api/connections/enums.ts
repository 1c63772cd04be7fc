/** Enum names of `scalekit.v1.connections` as they appear on the wire (UNSPECIFIED values excluded). */

export const CONNECTION_PROVIDERS = [
  "OKTA", "GOOGLE", "MICROSOFT_AD", "AUTH0", "ONELOGIN", "PING_IDENTITY", "JUMPCLOUD", "CUSTOM",
  "GITHUB", "GITLAB", "LINKEDIN", "SALESFORCE", "MICROSOFT", "IDP_SIMULATOR", "SCALEKIT", "ADFS",
] as const;

export const CONNECTION_TYPES = [
  "OIDC", "SAML", "PASSWORD", "OAUTH", "PASSWORDLESS", "BASIC", "BEARER", "API_KEY", "WEBAUTHN",
  "OAUTH_M2M", "TRELLO_OAUTH1", "GOOGLE_DWD", "TRUSTED_IDP", "SMART_FHIR", "NO_AUTH",
] as const;

/** The CEL rule on Create/UpdateConnectionRequest: `!(this.type in [4,5,9])`. */
export const UNSUPPORTED_TYPES: readonly string[] = ["OAUTH", "PASSWORDLESS", "WEBAUTHN"];

export const CONFIGURATION_TYPES = ["DISCOVERY", "MANUAL"] as const;
export const NAME_ID_FORMATS = ["UNSPECIFIED", "EMAIL", "TRANSIENT", "PERSISTENT"] as const;
export const REQUEST_BINDINGS = ["HTTP_POST", "HTTP_REDIRECT"] as const;
export const SAML_SIGNING_OPTIONS = [
  "NO_SIGNING", "SAML_ONLY_RESPONSE_SIGNING", "SAML_ONLY_ASSERTION_SIGNING",
  "SAML_RESPONSE_ASSERTION_SIGNING", "SAML_RESPONSE_OR_ASSERTION_SIGNING",
] as const;
export const TOKEN_AUTH_TYPES = ["URL_PARAMS", "BASIC_AUTH"] as const;
export const OIDC_SCOPES = ["openid", "profile", "email", "address", "phone"] as const;

export type ConnectionProvider = (typeof CONNECTION_PROVIDERS)[number];
export type ConnectionType = (typeof CONNECTION_TYPES)[number];
export type ConnectionStatus = "DRAFT" | "IN_PROGRESS" | "COMPLETED";
