import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { rootCertificates } from "node:tls";
import { extraCaCertificates } from "../../scripts/docker/extra-ca-certificates";
import { selfSignedCertificate } from "../helpers/certificates";

describe("the certificates passed to the sample image's EXTRA_CA_CERTS", () => {
  const dir = mkdtempSync(join(tmpdir(), "extra-ca-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("are those of the bundles that Node does not trust by itself, each once, whatever their line breaks", async () => {
    const proxy = (await selfSignedCertificate({ commonName: "Inspecting Proxy CA" })).cert;
    const company = (await selfSignedCertificate({ commonName: "Company Root CA" })).cert;
    const system = join(dir, "system.pem");
    const extra = join(dir, "extra.pem");
    writeFileSync(system, [rootCertificates[0], proxy.replace(/\n/g, "\r\n"), rootCertificates[1]].join("\n"));
    writeFileSync(extra, [proxy, company].join("\n"));

    const pem = extraCaCertificates([system, extra, join(dir, "absent.pem"), ""]);
    const certificates = pem.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g)!;
    expect(certificates.map((c) => c.replace(/\s+/g, ""))).toEqual([proxy, company].map((c) => c.replace(/\s+/g, "")));
  });

  it("are none when every certificate is one of Node's", () => {
    const system = join(dir, "only-node.pem");
    writeFileSync(system, rootCertificates.slice(0, 5).join("\n"));
    expect(extraCaCertificates([system])).toBe("");
  });
});
