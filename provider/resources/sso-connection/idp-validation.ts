import type { CheckFailure } from "../../core/check";
import { sameValue } from "../../core/diff";
import { certificateFacts } from "./certificate";
import { parseSamlIdpMetadata } from "./saml-metadata";
import type { OidcSettings, SamlSettings, SsoConnectionInputs } from "./schema";

const FETCH_TIMEOUT_MS = 10_000;
const MAX_DOCUMENT_BYTES = 1_000_000;
const OPT_OUT = "set validateIdp: false if the IdP cannot be reached from where Pulumi runs";

/** Fetches an IdP document (metadata XML, discovery JSON); errors carry a short reason. */
export type FetchDocument = (url: string) => Promise<string>;

export const fetchDocument: FetchDocument = async (url) => {
  let response: Response;
  try {
    response = await fetch(url, { redirect: "follow", signal: AbortSignal.timeout(FETCH_TIMEOUT_MS), headers: { accept: "application/xml, application/json, */*" } });
  } catch (error) {
    const cause = (error as { cause?: { code?: string } }).cause;
    throw new Error(`could not be fetched (${cause?.code ?? (error as Error).name})`);
  }
  if (!response.ok) throw new Error(`answered HTTP ${response.status}`);
  const text = await response.text();
  if (text.length > MAX_DOCUMENT_BYTES) throw new Error("is larger than 1 MB");
  return text;
};

/** IdP-facing settings changed, or the connection is being enabled: the IdP is worth checking again. */
export function needsIdpValidation(olds: Partial<SsoConnectionInputs>, news: SsoConnectionInputs): boolean {
  if (!news.enabled || !news.validateIdp) return false;
  const idpFacing = (inputs: Partial<SsoConnectionInputs>) => ({
    saml: inputs.saml && { metadataUrl: inputs.saml.metadataUrl, entityId: inputs.saml.entityId, certificate: inputs.saml.certificate },
    oidc: inputs.oidc && { issuer: inputs.oidc.issuer, discoveryEndpoint: inputs.oidc.discoveryEndpoint },
  });
  return olds.enabled !== true || !sameValue(idpFacing(olds), idpFacing(news));
}

/**
 * The same checks where `check` could not make them (an adopted connection: only its create knows
 * whether it will enable it); throws with every reason, before anything is written.
 */
export async function validateIdpBeforeEnabling(inputs: SsoConnectionInputs, fetch: FetchDocument = fetchDocument): Promise<void> {
  if (!inputs.enabled || !inputs.validateIdp) return;
  const failures = await validateIdp(inputs, fetch);
  if (failures.length) throw new Error(`the connection is not enabled: ${failures.map((failure) => failure.reason).join("; ")}`);
}

/**
 * What can be known about the IdP before enabling a connection: the SAML signing certificate is valid
 * and the metadata URL serves IdP metadata; the OIDC discovery document belongs to the issuer.
 */
export async function validateIdp(inputs: SsoConnectionInputs, fetch: FetchDocument = fetchDocument, now = new Date()): Promise<CheckFailure[]> {
  if (inputs.saml) return validateSaml(inputs.saml, fetch, now);
  if (inputs.oidc) return validateOidc(inputs.oidc, fetch);
  return [];
}

async function validateSaml(saml: SamlSettings, fetch: FetchDocument, now: Date): Promise<CheckFailure[]> {
  const failures: CheckFailure[] = [];
  if (saml.certificate) {
    const expired = expiredCertificate(saml.certificate, now);
    if (expired) failures.push(failure("saml.certificate", expired));
  }
  if (!saml.metadataUrl) return failures;
  let metadata;
  try {
    metadata = parseSamlIdpMetadata(await fetch(saml.metadataUrl));
  } catch (error) {
    return [...failures, failure("saml.metadataUrl", `IdP metadata at ${saml.metadataUrl} ${(error as Error).message}; ${OPT_OUT}`)];
  }
  if (saml.entityId && metadata.entityId !== saml.entityId) {
    failures.push(failure("saml.entityId", `${saml.entityId} does not match the entityID ${metadata.entityId} of the IdP metadata`));
  }
  if (!metadata.ssoUrls.length) failures.push(failure("saml.metadataUrl", "the IdP metadata has no SingleSignOnService"));
  if (!metadata.signingCertificates.length) {
    failures.push(failure("saml.metadataUrl", "the IdP metadata has no signing certificate"));
  } else if (metadata.signingCertificates.every((pem) => expiredCertificate(pem, now))) {
    failures.push(failure("saml.metadataUrl", `every signing certificate in the IdP metadata has expired (${expiredCertificate(metadata.signingCertificates[0], now)})`));
  }
  return failures;
}

async function validateOidc(oidc: OidcSettings, fetch: FetchDocument): Promise<CheckFailure[]> {
  const field = oidc.discoveryEndpoint ? "oidc.discoveryEndpoint" : "oidc.issuer";
  const url = oidc.discoveryEndpoint ?? (oidc.issuer ? `${oidc.issuer.replace(/\/$/, "")}/.well-known/openid-configuration` : undefined);
  if (!url) return [];
  let discovery: Record<string, unknown>;
  try {
    discovery = JSON.parse(await fetch(url));
  } catch (error) {
    const reason = error instanceof SyntaxError ? "is not JSON" : (error as Error).message;
    return [failure(field, `OIDC discovery document at ${url} ${reason}; ${OPT_OUT}`)];
  }
  const failures: CheckFailure[] = [];
  const trim = (value: unknown) => String(value ?? "").replace(/\/$/, "");
  if (oidc.issuer && trim(discovery.issuer) !== trim(oidc.issuer)) {
    failures.push(failure("oidc.issuer", `${oidc.issuer} does not match the issuer ${String(discovery.issuer)} of the discovery document at ${url}`));
  }
  const missing = ["authorization_endpoint", "token_endpoint", "jwks_uri"].filter((key) => typeof discovery[key] !== "string");
  if (missing.length) failures.push(failure(field, `the discovery document at ${url} lacks ${missing.join(", ")}`));
  return failures;
}

function expiredCertificate(pem: string, now: Date): string | undefined {
  const { notAfter, subject } = certificateFacts(pem);
  return notAfter <= now ? `the certificate (${subject.replace(/\n/g, ", ")}) expired on ${notAfter.toISOString()}` : undefined;
}

const failure = (property: string, reason: string): CheckFailure => ({ property, reason: `${property}: ${reason}` });
