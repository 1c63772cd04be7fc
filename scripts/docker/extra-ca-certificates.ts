import { existsSync, readFileSync } from "node:fs";
import { rootCertificates } from "node:tls";

/** Where Debian-like systems keep the bundle of every certificate authority the machine trusts. */
export const SYSTEM_CA_BUNDLE = "/etc/ssl/certs/ca-certificates.crt";

const PEM_CERTIFICATE = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g;

/**
 * The certificates this machine trusts that Node does not trust by itself, as PEM text: what a
 * TLS-inspecting proxy's (or a company's own) certificate authority looks like from here. It is what
 * the sample Dockerfile's EXTRA_CA_CERTS build argument expects; empty when there is nothing extra.
 * Only the difference is passed: a build argument reaches RUN steps as one environment variable,
 * which Linux caps at 128 KiB, and a whole system bundle is larger than that.
 */
export function extraCaCertificates(bundles: string[] = [SYSTEM_CA_BUNDLE, process.env.NODE_EXTRA_CA_CERTS ?? ""]): string {
  const builtIn = new Set(rootCertificates.map(normalize));
  const extra = new Map<string, string>();
  for (const bundle of bundles.filter((file) => file !== "" && existsSync(file))) {
    for (const certificate of readFileSync(bundle, "utf8").match(PEM_CERTIFICATE) ?? []) {
      const key = normalize(certificate);
      if (!builtIn.has(key)) extra.set(key, certificate);
    }
  }
  return [...extra.values()].map((certificate) => `${certificate}\n`).join("");
}

const normalize = (pem: string) => pem.replace(/\s+/g, "");
