import type { ConnectionStatus } from "./enums";
import type { ConnectionRecord } from "./record";

/**
 * Configuration completeness decides the status: DRAFT until anything of the IdP side is set,
 * IN_PROGRESS while partly set, COMPLETED when the connection could be used to sign in.
 */

const SAML_IDP_FIELDS = ["idp_metadata_url", "idp_entity_id", "idp_sso_url"];
const OIDC_IDP_FIELDS = ["issuer", "discovery_endpoint", "authorize_uri", "token_uri", "jwks_uri", "user_info_uri", "client_id", "client_secret"];

/** Field paths still needed before the connection can be enabled; empty when complete. */
export function missingConfiguration(conn: ConnectionRecord): string[] {
  if (conn.type === "SAML") {
    const s = conn.saml?.strings ?? {};
    if (s.idp_metadata_url) return [];
    const missing = ["idp_entity_id", "idp_sso_url"].filter((name) => !s[name]).map((name) => `saml_config.${name}`);
    if ((conn.saml?.idp_certificates.length ?? 0) === 0) missing.push("saml_config.idp_certificate");
    return missing.length === 3 ? ["saml_config.idp_metadata_url", ...missing] : missing;
  }
  if (conn.type === "OIDC") {
    const s = conn.oidc?.strings ?? {};
    const missing: string[] = [];
    const endpointsKnown = s.issuer || s.discovery_endpoint || (s.authorize_uri && s.token_uri && s.jwks_uri);
    if (!endpointsKnown) missing.push("oidc_config.issuer");
    if (!s.client_id) missing.push("oidc_config.client_id");
    if (!s.client_secret) missing.push("oidc_config.client_secret");
    return missing;
  }
  return [`${conn.type.toLowerCase()}_config`];
}

export function connectionStatus(conn: ConnectionRecord): ConnectionStatus {
  if (missingConfiguration(conn).length === 0) return "COMPLETED";
  return anyIdpSettingSet(conn) ? "IN_PROGRESS" : "DRAFT";
}

function anyIdpSettingSet(conn: ConnectionRecord): boolean {
  if (conn.type === "SAML") {
    return SAML_IDP_FIELDS.some((name) => conn.saml?.strings[name]) || (conn.saml?.idp_certificates.length ?? 0) > 0;
  }
  if (conn.type === "OIDC") return OIDC_IDP_FIELDS.some((name) => conn.oidc?.strings[name]);
  return false;
}
