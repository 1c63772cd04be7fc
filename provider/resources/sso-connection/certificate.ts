import { X509Certificate } from "node:crypto";

const PEM_BODY = /-----BEGIN CERTIFICATE-----([\s\S]*?)-----END CERTIFICATE-----/;

/** The certificate's base64 DER, from a PEM block or bare base64 (as some IdP consoles show it). */
function derBase64(text: string): string | undefined {
  const match = PEM_BODY.exec(text);
  const body = (match ? match[1] : text).replace(/\s+/g, "");
  return /^[A-Za-z0-9+/]+={0,2}$/.test(body) ? body : undefined;
}

export interface CertificateFacts {
  subject: string;
  notBefore: Date;
  notAfter: Date;
}

/** Parsed certificates by canonical PEM: every check of every connection would otherwise parse them again. */
const parsed = new Map<string, CertificateFacts | undefined>();

function parse(pem: string): CertificateFacts | undefined {
  if (!parsed.has(pem)) {
    try {
      const certificate = new X509Certificate(pem);
      parsed.set(pem, { subject: certificate.subject, notBefore: new Date(certificate.validFrom), notAfter: new Date(certificate.validTo) });
    } catch {
      parsed.set(pem, undefined);
    }
  }
  return parsed.get(pem);
}

/** One canonical PEM for a certificate however it was pasted, or undefined when it is not an X.509 certificate. */
export function canonicalPem(text: string): string | undefined {
  const body = derBase64(text);
  if (!body) return undefined;
  const pem = `-----BEGIN CERTIFICATE-----\n${body.match(/.{1,64}/g)!.join("\n")}\n-----END CERTIFICATE-----\n`;
  return parse(pem) ? pem : undefined;
}

export function certificateFacts(pem: string): CertificateFacts {
  const facts = parse(canonicalPem(pem) ?? pem);
  if (!facts) throw new Error("not an X.509 certificate");
  return facts;
}

/** Same certificate, whatever the PEM formatting. */
export function sameCertificate(a: string, b: string): boolean {
  return derBase64(a) !== undefined && derBase64(a) === derBase64(b);
}
