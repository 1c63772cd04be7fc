import type { Environment } from "../../environment";
import { ssoDomainsOf } from "../domains/lookup";
import type { ConnectionRecord } from "./record";
import { connectionStatus } from "./status";

/**
 * Scalekit-generated endpoints of a connection, under the environment URL. The OIDC test URI is the
 * form Scalekit's SDK live tests assert (`scalekit-sdk-go` test/connections_test.go,
 * `scalekit-sdk-java` ConnectionTests.java); the SAML one is a choice, by analogy (not verified).
 */
export function connectionUrls(env: Environment, id: string) {
  const saml = `${env.url}/sso/v1/saml/${id}`;
  const oidc = `${env.url}/sso/v1/oidc/${id}`;
  return {
    spEntityId: saml,
    spAssertionUrl: `${saml}/callback`,
    spMetadataUrl: `${saml}/metadata`,
    spSloUrl: `${saml}/slo`,
    oidcRedirectUri: `${oidc}/callback`,
    samlTestConnectionUri: `${saml}/test`,
    oidcTestConnectionUri: `${oidc}/test`,
  };
}

/** The `Connection` read shape. The OIDC client secret is never included. */
export function connectionToWire(env: Environment, conn: ConnectionRecord): Record<string, unknown> {
  const urls = connectionUrls(env, conn.id);
  const wire: Record<string, unknown> = {
    id: conn.id,
    provider: conn.provider,
    type: conn.type,
    status: connectionStatus(conn),
    enabled: conn.enabled,
    debug_enabled: conn.debug_enabled,
    organization_id: conn.organization_id,
    ui_button_title: conn.ui_button_title ?? "",
    attribute_mapping: conn.attribute_mapping,
    create_time: conn.create_time,
    update_time: conn.update_time,
    provider_key: conn.provider_key,
    domains: ssoDomainsOf(env, conn.organization_id),
  };
  if (conn.type === "SAML") wire.test_connection_uri = urls.samlTestConnectionUri;
  if (conn.type === "OIDC") wire.test_connection_uri = urls.oidcTestConnectionUri;
  if (conn.configuration_type) wire.configuration_type = conn.configuration_type;
  if (conn.key_id !== undefined) wire.key_id = conn.key_id;
  if (conn.type === "SAML") {
    const saml = conn.saml ?? { strings: {}, enums: {}, flags: {}, idp_certificates: [] };
    wire.saml_config = {
      ...saml.strings,
      ...saml.enums,
      ...saml.flags,
      sp_entity_id: saml.strings.sp_entity_id ?? urls.spEntityId,
      sp_assertion_url: saml.strings.sp_assertion_url ?? urls.spAssertionUrl,
      sp_metadata_url: urls.spMetadataUrl,
      sp_slo_url: saml.strings.sp_slo_url ?? urls.spSloUrl,
      idp_certificates: saml.idp_certificates,
    };
  }
  if (conn.type === "OIDC") {
    const { client_secret: _secret, ...strings } = conn.oidc?.strings ?? {};
    wire.oidc_config = {
      ...strings,
      ...conn.oidc?.flags,
      scopes: conn.oidc?.scopes ?? [],
      ...(conn.oidc?.token_auth_type ? { token_auth_type: conn.oidc.token_auth_type } : {}),
      redirect_uri: urls.oidcRedirectUri,
    };
  }
  return wire;
}

/** The `ListConnection` item shape. */
export function listConnectionToWire(env: Environment, conn: ConnectionRecord, organizationName: string): Record<string, unknown> {
  return {
    id: conn.id,
    provider: conn.provider,
    type: conn.type,
    status: connectionStatus(conn),
    enabled: conn.enabled,
    organization_id: conn.organization_id,
    ui_button_title: conn.ui_button_title ?? "",
    domains: ssoDomainsOf(env, conn.organization_id).map((d) => d.domain),
    organization_name: organizationName,
    provider_key: conn.provider_key,
    key_id: conn.key_id ?? "",
    created_at: conn.create_time,
  };
}
