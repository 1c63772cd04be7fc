import { X509Certificate } from "node:crypto";
import { invalidField } from "../../errors";
import type { IdGenerator } from "../../ids";
import type { IdpCertificate } from "./record";

const FIELD = "saml_config.idp_certificate";

/**
 * Parses the IdP signing certificate a client sent (PEM, or the bare base64 body that IdP metadata
 * carries) into the `IDPCertificate` read shape. Anything that is not an X.509 certificate is refused.
 */
export function parseIdpCertificate(text: string, ids: IdGenerator): IdpCertificate {
  const pem = toPem(text);
  let x509: X509Certificate;
  try {
    x509 = new X509Certificate(pem);
  } catch {
    throw invalidField(FIELD, "is not a valid PEM-encoded X.509 certificate");
  }
  return {
    id: ids.next("cert"),
    certificate: pem,
    create_time: new Date().toISOString(),
    expiry_time: new Date(x509.validTo).toISOString(),
    issuer: x509.issuer.split("\n").join(", "),
  };
}

/** Whether two certificate texts are the same certificate (so re-sending one keeps its id). */
export function sameCertificate(a: string, b: string): boolean {
  return body(toPem(a)) === body(toPem(b));
}

function toPem(text: string): string {
  const trimmed = text.trim();
  if (trimmed.includes("-----BEGIN")) return `${trimmed}\n`;
  const base64 = trimmed.replace(/\s+/g, "");
  const lines = base64.match(/.{1,64}/g) ?? [];
  return `-----BEGIN CERTIFICATE-----\n${lines.join("\n")}\n-----END CERTIFICATE-----\n`;
}

function body(pem: string): string {
  return pem.replace(/-----[^-]+-----/g, "").replace(/\s+/g, "");
}
