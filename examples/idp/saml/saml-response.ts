import { randomUUID } from "node:crypto";
import { samlify } from "./samlify";

const EMAIL_NAME_ID = "urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress";
const PASSWORD_PROTECTED = "urn:oasis:names:tc:SAML:2.0:ac:classes:PasswordProtectedTransport";
const VALIDITY_MS = 5 * 60_000;

export interface ResponseSubject {
  email: string;
  name: string;
  requestId: string;
  acsUrl: string;
  audience: string;
  idpEntityId: string;
}

/**
 * Fills samlify's login-response template for one user: NameID = email, a bearer confirmation for
 * the ACS URL answering the AuthnRequest, an audience restriction, an AuthnStatement and email/name
 * attributes. samlify escapes tag values, so the two statements (raw XML) go in before it replaces tags.
 */
export function loginResponseTemplate(subject: ResponseSubject): (template: string) => { id: string; context: string } {
  return (template) => {
    const now = new Date();
    const later = new Date(now.getTime() + VALIDITY_MS).toISOString();
    const id = `_${randomUUID()}`;
    const withStatements = template.replace("{AuthnStatement}", authnStatement(now.toISOString())).replace("{AttributeStatement}", attributeStatement(subject));
    const context = samlify.SamlLib.replaceTagsByValue(withStatements, {
      ID: id,
      AssertionID: `_${randomUUID()}`,
      Destination: subject.acsUrl,
      Audience: subject.audience,
      SubjectRecipient: subject.acsUrl,
      Issuer: subject.idpEntityId,
      IssueInstant: now.toISOString(),
      StatusCode: "urn:oasis:names:tc:SAML:2.0:status:Success",
      ConditionsNotBefore: now.toISOString(),
      ConditionsNotOnOrAfter: later,
      SubjectConfirmationDataNotOnOrAfter: later,
      NameIDFormat: EMAIL_NAME_ID,
      NameID: subject.email,
      InResponseTo: subject.requestId,
    });
    return { id, context };
  };
}

function authnStatement(instant: string): string {
  return `<saml:AuthnStatement AuthnInstant="${instant}" SessionIndex="_${randomUUID()}"><saml:AuthnContext><saml:AuthnContextClassRef>${PASSWORD_PROTECTED}</saml:AuthnContextClassRef></saml:AuthnContext></saml:AuthnStatement>`;
}

function attributeStatement(subject: ResponseSubject): string {
  const attribute = (name: string, value: string) =>
    `<saml:Attribute Name="${name}" NameFormat="urn:oasis:names:tc:SAML:2.0:attrname-format:basic"><saml:AttributeValue xsi:type="xs:string">${escapeXml(value)}</saml:AttributeValue></saml:Attribute>`;
  return `<saml:AttributeStatement>${attribute("email", subject.email)}${attribute("name", subject.name)}</saml:AttributeStatement>`;
}

function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}
