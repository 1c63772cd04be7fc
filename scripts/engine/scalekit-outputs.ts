/**
 * Outputs the Scalekit resources compute (the ones that are not echoes of inputs), by type token. Under
 * mocks they become markers, so an input fed from one of them can be traced back to its resource.
 */
const COMPUTED: Record<string, readonly string[]> = {
  "pulumi-nodejs:dynamic/scalekit:Organization": ["organizationId", "createTime", "regionCode"],
  "pulumi-nodejs:dynamic/scalekit:Domain": ["domainId", "verificationStatus", "verificationMethod", "dnsRecord", "createTime"],
  "pulumi-nodejs:dynamic/scalekit:SSOConnection": [
    "protocol", "connectionId", "status", "acsUrl", "spEntityId", "spMetadataUrl", "redirectUri", "testConnectionUri", "idpCertificateExpiresAt",
  ],
  "pulumi-nodejs:dynamic/scalekit:AdminPortalLink": ["linkId", "location", "expireTime"],
};

export function scalekitComputedOutputs(type: string): readonly string[] {
  return COMPUTED[type] ?? [];
}
