import { samlify } from "./samlify";
import type { SamlParties } from "./entities";

/** What samlify extracted from a response whose signature it verified. */
export interface VerifiedResponse {
  samlContent: string;
  extract: { audience?: unknown; nameID?: unknown; attributes?: unknown; response?: { destination?: unknown } };
}

const CLOCK_DRIFT_SECONDS = 60;

/** `Algorithm` of every SignatureMethod and DigestMethod, whatever the namespace prefix. */
const SIGNATURE_ALGORITHM = /<(?:[\w.-]+:)?(SignatureMethod|DigestMethod)\b[^>]*?\bAlgorithm\s*=\s*["']([^"']+)["']/g;

/**
 * SHA-1 signatures and digests are refused: collisions for SHA-1 can be computed, and SAML 2.0
 * deployments have moved to SHA-256 (xmldsig-more, NIST SP 800-131A). Returns the problem, if any.
 */
export function weakSignatureAlgorithm(samlContent: string): string | undefined {
  for (const [, element, algorithm] of samlContent.matchAll(SIGNATURE_ALGORITHM)) {
    if (/sha1$/i.test(algorithm)) return `it is signed with SHA-1 (${element} ${algorithm}); sign with SHA-256 or stronger`;
  }
  return undefined;
}

/**
 * The checks samlify leaves to the SP (SAML 2.0 profiles §4.1.4.3): the audience is this SP, the
 * response is addressed to the ACS URL, and the signed assertion's bearer confirmation names the ACS
 * URL as recipient, answers this sign-in's AuthnRequest and is still valid. Returns the problem, if any.
 */
export function checkAssertion(response: VerifiedResponse, parties: SamlParties, requestId: string): string | undefined {
  const audiences = [response.extract.audience].flat();
  if (!audiences.includes(parties.spEntityId)) return `the assertion's audience is ${audiences.join(", ") || "missing"}, not ${parties.spEntityId}`;
  const destination = response.extract.response?.destination;
  if (destination !== undefined && destination !== parties.acsUrl) return `the response is addressed to ${String(destination)}, not to ${parties.acsUrl}`;

  // Read from the assertion whose signature verified, never from the rest of the document.
  const [, assertion] = samlify.SamlLib.verifySignature(response.samlContent, { metadata: parties.idp.entityMeta });
  if (!assertion) return "the signed part of the response holds no assertion";
  const confirmation = samlify.Extractor.extract(assertion, [
    { key: "confirmation", localPath: ["Assertion", "Subject", "SubjectConfirmation", "SubjectConfirmationData"], attributes: ["Recipient", "InResponseTo", "NotOnOrAfter"] },
  ]).confirmation as Record<string, string> | undefined;
  if (!confirmation) return "the assertion has no bearer SubjectConfirmationData";
  if (confirmation.recipient !== parties.acsUrl) return `the assertion's recipient is ${confirmation.recipient ?? "missing"}, not ${parties.acsUrl}`;
  if (confirmation.inResponseTo !== requestId) return "the assertion does not answer this sign-in's AuthnRequest (InResponseTo)";
  const notOnOrAfter = Date.parse(confirmation.notOnOrAfter ?? "");
  if (!(notOnOrAfter + CLOCK_DRIFT_SECONDS * 1000 > Date.now())) return "the assertion's subject confirmation has expired";
  return undefined;
}

const EMAIL_ATTRIBUTES = ["email", "mail", "emailaddress", "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/emailaddress"];
const NAME_ATTRIBUTES = ["name", "displayName", "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/name"];

/** The user's email (an email-shaped NameID, else a usual email attribute) and name from a verified response. */
export function assertedIdentity(response: VerifiedResponse): { email?: string; name?: string } {
  const attributes = (response.extract.attributes ?? {}) as Record<string, string | string[]>;
  const first = (names: string[]) => names.map((name) => [attributes[name]].flat()[0]).find((value) => typeof value === "string" && value !== "");
  const nameId = typeof response.extract.nameID === "string" ? response.extract.nameID : undefined;
  const email = nameId && nameId.includes("@") ? nameId : first(EMAIL_ATTRIBUTES);
  return { email, name: first(NAME_ATTRIBUTES) };
}
