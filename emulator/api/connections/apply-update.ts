import { invalidField } from "../../errors";
import type { IdGenerator } from "../../ids";
import type { WireObject } from "../../http/wire-message";
import { parseIdpCertificate, sameCertificate } from "./certificates";
import { UNSUPPORTED_TYPES, type ConnectionProvider, type ConnectionType } from "./enums";
import { OIDC_FLAG_FIELDS, OIDC_STRING_FIELDS, SAML_ENUM_FIELDS, SAML_FLAG_FIELDS, SAML_STRING_FIELDS } from "./messages";
import type { ConnectionRecord, OidcSettings, SamlSettings } from "./record";

/**
 * Applies an `UpdateConnection` body to a connection. Keys absent from the body leave the field
 * unchanged; `null` or `""` clears a wrapper field; maps and lists are replaced as a whole.
 */
export function applyConnectionUpdate(conn: ConnectionRecord, body: WireObject, ids: IdGenerator): void {
  const type = (body.type as ConnectionType | null | undefined) ?? conn.type;
  if (UNSUPPORTED_TYPES.includes(type)) throw invalidField("type", "OAUTH, PASSWORDLESS and WEBAUTHN are not supported yet");
  if (body.saml_config != null && type !== "SAML") throw invalidField("saml_config", `the connection type is ${type}, not SAML`);
  if (body.oidc_config != null && type !== "OIDC") throw invalidField("oidc_config", `the connection type is ${type}, not OIDC`);
  if (type !== conn.type) {
    conn.type = type;
    delete conn.saml;
    delete conn.oidc;
  }
  if (body.provider != null) conn.provider = body.provider as ConnectionProvider;
  if ("debug_enabled" in body) conn.debug_enabled = body.debug_enabled === true;
  if ("ui_button_title" in body) setOptional(conn, "ui_button_title", body.ui_button_title);
  if ("configuration_type" in body) setOptional(conn, "configuration_type", body.configuration_type);
  if ("provider_key" in body) conn.provider_key = (body.provider_key as string | null) ?? "";
  if ("key_id" in body) {
    const keyId = body.key_id as string | null;
    if (keyId !== null && (keyId.length < 1 || keyId.length > 300)) throw invalidField("key_id", "must be 1-300 characters");
    setOptional(conn, "key_id", keyId);
  }
  if ("attribute_mapping" in body) conn.attribute_mapping = checkAttributeMapping((body.attribute_mapping as Record<string, string> | null) ?? {});
  if (body.saml_config != null) applySaml((conn.saml ??= emptySaml()), body.saml_config as WireObject, ids);
  if (body.oidc_config != null) applyOidc((conn.oidc ??= emptyOidc()), body.oidc_config as WireObject);
}

function checkAttributeMapping(mapping: Record<string, string>): Record<string, string> {
  const entries = Object.entries(mapping);
  if (entries.length > 30) throw invalidField("attribute_mapping", "must have at most 30 pairs");
  for (const [key, value] of entries) {
    if (key.length < 1 || key.length > 100) throw invalidField(`attribute_mapping.${key}`, "keys must be 1-100 characters");
    if (value.length < 1 || value.length > 256) throw invalidField(`attribute_mapping.${key}`, "values must be 1-256 characters");
  }
  return mapping;
}

function applySaml(saml: SamlSettings, config: WireObject, ids: IdGenerator): void {
  for (const name of SAML_STRING_FIELDS) if (name in config) setEntry(saml.strings, name, config[name]);
  for (const name of Object.keys(SAML_ENUM_FIELDS)) if (name in config) setEntry(saml.enums, name, config[name]);
  for (const name of SAML_FLAG_FIELDS) if (name in config) setEntry(saml.flags, name, config[name]);
  if ("idp_certificate" in config) {
    const pem = config.idp_certificate as string | null;
    if (!pem) saml.idp_certificates = [];
    else if (!saml.idp_certificates.some((cert) => sameCertificate(cert.certificate, pem))) {
      // The request carries one certificate; it replaces the previous one.
      saml.idp_certificates = [parseIdpCertificate(pem, ids)];
    }
  }
}

function applyOidc(oidc: OidcSettings, config: WireObject): void {
  for (const name of OIDC_STRING_FIELDS) if (name in config) setEntry(oidc.strings, name, config[name]);
  for (const name of OIDC_FLAG_FIELDS) if (name in config) setEntry(oidc.flags, name, config[name]);
  if ("scopes" in config) oidc.scopes = (config.scopes as string[] | null) ?? [];
  if ("token_auth_type" in config) {
    if (config.token_auth_type == null) delete oidc.token_auth_type;
    else oidc.token_auth_type = config.token_auth_type as string;
  }
}

function setEntry<V>(target: Record<string, V>, name: string, value: unknown): void {
  if (value === null || value === "") delete target[name];
  else target[name] = value as V;
}

function setOptional<K extends "ui_button_title" | "configuration_type" | "key_id">(conn: ConnectionRecord, key: K, value: unknown): void {
  if (value === null || value === "") delete conn[key];
  else conn[key] = value as ConnectionRecord[K];
}

function emptySaml(): SamlSettings {
  return { strings: {}, enums: {}, flags: {}, idp_certificates: [] };
}

function emptyOidc(): OidcSettings {
  return { strings: {}, flags: {}, scopes: [] };
}
