import { X509Certificate } from "node:crypto";

const PEM_BODY = /-----BEGIN CERTIFICATE-----([\s\S]*?)-----END CERTIFICATE-----/;

/** The certificate's base64 DER, from a PEM block or bare base64 (as some IdP consoles show it). */
function derBase64(text: string): string | undefined {
  const match = PEM_BODY.exec(text);
  const body = (match ? match[1] : text).replace(/\s+/g, "");
  return /^[A-Za-z0-9+/]+={0,2}$/.test(body) ? body : undefined;
}

/** One canonical PEM for a certificate however it was pasted, or undefined when it is not an X.509 certificate. */
export function canonicalPem(text: string): string | undefined {
  const body = derBase64(text);
  if (!body) return undefined;
  const pem = `-----BEGIN CERTIFICATE-----\n${body.match(/.{1,64}/g)!.join("\n")}\n-----END CERTIFICATE-----\n`;
  try {
    new X509Certificate(pem);
    return pem;
  } catch {
    return undefined;
  }
}

export interface CertificateFacts {
  subject: string;
  notBefore: Date;
  notAfter: Date;
}

export function certificateFacts(pem: string): CertificateFacts {
  const certificate = new X509Certificate(pem);
  return { subject: certificate.subject, notBefore: new Date(certificate.validFrom), notAfter: new Date(certificate.validTo) };
}

/** Same certificate, whatever the PEM formatting. */
export function sameCertificate(a: string, b: string): boolean {
  return derBase64(a) !== undefined && derBase64(a) === derBase64(b);
}
