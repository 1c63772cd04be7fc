import type { ConnectionProvider } from "../../api/enums";
import type { CreateConnectionBody, OidcConfigBody, SamlConfigBody, UpdateConnectionBody } from "../../api/requests";
import type { ConnectionWire, OidcConfigWire, SamlConfigWire } from "../../api/wire";
import { sameCertificate } from "./certificate";
import {
  protocolOf,
  type OidcSettings,
  type SamlSettings,
  type SsoConnectionInputs,
  type SsoConnectionOutputs,
  type StoredOidcSettings,
} from "./schema";

/** Input field → wire field of the SAML settings that are read back as they were written. */
const SAML_FIELDS = {
  metadataUrl: "idp_metadata_url",
  entityId: "idp_entity_id",
  ssoUrl: "idp_sso_url",
  sloUrl: "idp_slo_url",
  nameIdFormat: "idp_name_id_format",
  ssoRequestBinding: "idp_sso_request_binding",
  sloRequestBinding: "idp_slo_request_binding",
  signingOption: "saml_signing_option",
  defaultRedirectUri: "default_redirect_uri",
  forceAuthn: "force_authn",
  assertionEncrypted: "assertion_encrypted",
  wantRequestSigned: "want_request_signed",
  sloRequired: "idp_slo_required",
  syncUserProfileOnLogin: "sync_user_profile_on_login",
  jitProvisioning: "jit_provisioning_with_sso_enabled",
} as const satisfies Partial<Record<keyof SamlSettings, keyof SamlConfigBody & keyof SamlConfigWire>>;

const OIDC_FIELDS = {
  issuer: "issuer",
  discoveryEndpoint: "discovery_endpoint",
  authorizeUri: "authorize_uri",
  tokenUri: "token_uri",
  userInfoUri: "user_info_uri",
  jwksUri: "jwks_uri",
  clientId: "client_id",
  scopes: "scopes",
  tokenAuthType: "token_auth_type",
  pkceEnabled: "pkce_enabled",
  idpLogoutRequired: "idp_logout_required",
  syncUserProfileOnLogin: "sync_user_profile_on_login",
  jitProvisioning: "jit_provisioning_with_sso_enabled",
} as const satisfies Partial<Record<keyof OidcSettings, keyof OidcConfigBody & keyof OidcConfigWire>>;

type FieldMap = Record<string, string>;

/**
 * Wire config from settings. A string the previous settings had and the new ones drop is sent as "",
 * because the API leaves an omitted field unchanged.
 */
function toWire(fields: FieldMap, settings: object, previous: object | undefined): Record<string, unknown> {
  const wire: Record<string, unknown> = {};
  for (const [inputKey, wireKey] of Object.entries(fields)) {
    const value = (settings as Record<string, unknown>)[inputKey];
    const before = (previous as Record<string, unknown> | undefined)?.[inputKey];
    if (value !== undefined) wire[wireKey] = value;
    else if (typeof before === "string") wire[wireKey] = "";
  }
  return wire;
}

export function toCreateBody(inputs: SsoConnectionInputs): CreateConnectionBody {
  return { provider: inputs.provider as ConnectionProvider, type: protocolOf(inputs), key_id: inputs.keyId };
}

/**
 * The PATCH that configures the connection; `previous` are the settings last applied, if any. It names
 * the connection's provider, type and current key id, as every public caller of this endpoint does
 * (scalekit-sdk-python's live tests, scalekit-inc/scalekit-mcp-server `src/tools/connections.ts` updateEnvironmentOidcConnectionTool):
 * whether Scalekit requires them is not documented.
 */
export function toConfigBody(inputs: SsoConnectionInputs, previous?: Pick<SsoConnectionOutputs, "saml" | "oidc" | "attributeMapping">): UpdateConnectionBody {
  const body: UpdateConnectionBody = {
    provider: inputs.provider as ConnectionProvider,
    type: protocolOf(inputs),
    key_id: inputs.keyId,
    attribute_mapping: inputs.attributeMapping ?? (previous?.attributeMapping ? {} : undefined),
    debug_enabled: inputs.debugEnabled,
    ui_button_title: inputs.uiButtonTitle,
  };
  if (inputs.saml) {
    const saml_config: SamlConfigBody = toWire(SAML_FIELDS, inputs.saml, previous?.saml);
    if (inputs.saml.certificate) saml_config.idp_certificate = inputs.saml.certificate;
    body.saml_config = saml_config;
    body.configuration_type = inputs.saml.metadataUrl ? "DISCOVERY" : "MANUAL";
  } else if (inputs.oidc) {
    const oidc_config: OidcConfigBody = { ...toWire(OIDC_FIELDS, inputs.oidc, previous?.oidc), client_secret: inputs.oidc.clientSecret };
    body.oidc_config = oidc_config;
    body.configuration_type = inputs.oidc.issuer || inputs.oidc.discoveryEndpoint ? "DISCOVERY" : "MANUAL";
  }
  return body;
}

export function storedOidc(oidc: OidcSettings, clientSecretDigest: string): StoredOidcSettings {
  const { clientSecret: _secret, ...rest } = oidc;
  return { ...rest, clientSecretDigest };
}

/** Outputs = the inputs as applied (OIDC secret as a digest) + what Scalekit computed. */
export function toOutputs(
  inputs: Omit<SsoConnectionInputs, "oidc"> & { oidc?: StoredOidcSettings; protocol: string },
  live: ConnectionWire,
): SsoConnectionOutputs {
  const expiries = (live.saml_config?.idp_certificates ?? []).map((certificate) => certificate.expiry_time).filter((time): time is string => !!time).sort();
  return {
    ...inputs,
    protocol: inputs.protocol as SsoConnectionOutputs["protocol"],
    connectionId: live.id,
    status: live.status ?? undefined,
    acsUrl: live.saml_config?.sp_assertion_url ?? undefined,
    spEntityId: live.saml_config?.sp_entity_id ?? undefined,
    spMetadataUrl: live.saml_config?.sp_metadata_url ?? undefined,
    redirectUri: live.oidc_config?.redirect_uri ?? undefined,
    testConnectionUri: live.test_connection_uri ?? undefined,
    idpCertificateExpiresAt: expiries[0],
  };
}

/**
 * The settings describing the live connection, for the fields this resource manages: what Scalekit
 * derives itself (from a metadata URL, say) is not drift. The certificate stays as written while
 * Scalekit still holds it; the OIDC secret is never read back, so its digest is kept.
 */
export function observedInputs(live: ConnectionWire, managed: SsoConnectionOutputs): SsoConnectionOutputs {
  const observed: SsoConnectionOutputs = {
    ...managed,
    provider: live.provider as SsoConnectionOutputs["provider"],
    enabled: live.enabled ?? false,
    keyId: managed.keyId !== undefined ? (live.key_id ?? undefined) : undefined,
    attributeMapping: live.attribute_mapping && Object.keys(live.attribute_mapping).length ? live.attribute_mapping : undefined,
    debugEnabled: managed.debugEnabled !== undefined ? (live.debug_enabled ?? undefined) : undefined,
    uiButtonTitle: managed.uiButtonTitle !== undefined ? (live.ui_button_title ?? undefined) : undefined,
  };
  if (managed.saml) observed.saml = observedSaml(managed.saml, live.saml_config ?? {});
  if (managed.oidc) observed.oidc = { ...fromWire(OIDC_FIELDS, managed.oidc, live.oidc_config ?? {}), clientSecretDigest: managed.oidc.clientSecretDigest } as StoredOidcSettings;
  return observed;
}

function observedSaml(managed: SamlSettings, live: SamlConfigWire): SamlSettings {
  const observed = fromWire(SAML_FIELDS, managed, live) as SamlSettings;
  if (managed.certificate) {
    const held = (live.idp_certificates ?? []).map((certificate) => certificate.certificate ?? "");
    const stillHeld = held.some((pem) => sameCertificate(pem, managed.certificate!));
    observed.certificate = stillHeld ? managed.certificate : (held[0] || undefined);
  }
  return observed;
}

/** Live values of the managed fields only; fields the program never set are left out. */
function fromWire(fields: FieldMap, managed: object, live: Record<string, unknown>): Record<string, unknown> {
  const observed: Record<string, unknown> = { ...managed };
  for (const [inputKey, wireKey] of Object.entries(fields)) {
    if ((managed as Record<string, unknown>)[inputKey] === undefined) continue;
    const value = live[wireKey];
    observed[inputKey] = value === null || value === "" ? undefined : Array.isArray(value) ? [...value].sort() : value;
  }
  return observed;
}

/** The fields set on the wire (non-empty strings and arrays, true flags), as input fields. */
function setFields(fields: FieldMap, live: Record<string, unknown>): Record<string, unknown> {
  const settings: Record<string, unknown> = {};
  for (const [inputKey, wireKey] of Object.entries(fields)) {
    const value = live[wireKey];
    if ((typeof value === "string" && value !== "") || value === true || (Array.isArray(value) && value.length)) settings[inputKey] = Array.isArray(value) ? [...value].sort() : value;
  }
  return settings;
}

/** Set from a metadata URL or a discovery document: Scalekit derives them, so declaring them would pin a copy. */
const DERIVED_FROM_METADATA = ["entityId", "ssoUrl"];
const DERIVED_FROM_DISCOVERY = ["authorizeUri", "tokenUri", "userInfoUri", "jwksUri"];

/**
 * SAML settings that reproduce a live connection (the inverse of the configuration PATCH): what is set,
 * without what Scalekit derives from a metadata URL; of several IdP certificates, the one expiring last.
 */
export function samlSettingsFromWire(live: SamlConfigWire): { settings: Record<string, unknown>; certificates: number } {
  const settings = setFields(SAML_FIELDS, live);
  const certificates = (live.idp_certificates ?? []).filter((certificate) => certificate.certificate);
  if (settings.metadataUrl !== undefined) DERIVED_FROM_METADATA.forEach((key) => delete settings[key]);
  else if (certificates.length) {
    const latest = [...certificates].sort((a, b) => (a.expiry_time ?? "").localeCompare(b.expiry_time ?? "")).pop()!;
    settings.certificate = latest.certificate;
  }
  return { settings, certificates: settings.metadataUrl !== undefined ? 0 : certificates.length };
}

/** OIDC settings that reproduce a live connection, without the client secret (never read back) and what discovery gives. */
export function oidcSettingsFromWire(live: OidcConfigWire): Record<string, unknown> {
  const settings = setFields(OIDC_FIELDS, live);
  if (settings.issuer !== undefined || settings.discoveryEndpoint !== undefined) DERIVED_FROM_DISCOVERY.forEach((key) => delete settings[key]);
  return settings;
}
