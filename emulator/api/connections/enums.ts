/** Enum names of `scalekit.v1.connections` as they appear on the wire: the same facts the client uses. */
export {
  CONFIGURATION_TYPES,
  CONNECTION_PROVIDERS,
  CONNECTION_TYPES,
  NAME_ID_FORMATS,
  OIDC_SCOPES,
  REQUEST_BINDINGS,
  SAML_SIGNING_OPTIONS,
  TOKEN_AUTH_TYPES,
  type ConnectionProvider,
  type ConnectionStatus,
  type ConnectionType,
} from "../../../provider/api/enums";

/** The CEL rule on Create/UpdateConnectionRequest: `!(this.type in [4,5,9])`. */
export const UNSUPPORTED_TYPES: readonly string[] = ["OAUTH", "PASSWORDLESS", "WEBAUTHN"];
