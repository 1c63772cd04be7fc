import { generate } from "selfsigned";

export interface TestCertificate {
  /** PEM certificate. */
  cert: string;
  /** PEM private key. */
  key: string;
}

const cache = new Map<string, Promise<TestCertificate>>();

/** A self-signed RSA certificate (generated once per process and validity window). */
export function selfSignedCertificate(options: { commonName?: string; notBefore?: Date; notAfter?: Date } = {}): Promise<TestCertificate> {
  const notBefore = options.notBefore ?? new Date(Date.now() - 86_400_000);
  const notAfter = options.notAfter ?? new Date(Date.now() + 365 * 86_400_000);
  const commonName = options.commonName ?? "Test IdP";
  const key = `${commonName}|${notBefore.toISOString().slice(0, 10)}|${notAfter.toISOString().slice(0, 10)}`;
  let pending = cache.get(key);
  if (!pending) {
    pending = generate([{ name: "commonName", value: commonName }], { keySize: 2048, algorithm: "sha256", notBeforeDate: notBefore, notAfterDate: notAfter }).then(
      (pems: { cert: string; private: string }) => ({ cert: pems.cert, key: pems.private }),
    );
    cache.set(key, pending);
  }
  return pending;
}

export const expiredCertificate = () => selfSignedCertificate({ commonName: "Expired IdP", notBefore: new Date("2020-01-01"), notAfter: new Date("2021-01-01") });
