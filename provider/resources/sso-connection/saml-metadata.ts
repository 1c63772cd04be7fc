import { XMLParser } from "fast-xml-parser";
import { canonicalPem } from "./certificate";

export interface SamlIdpMetadata {
  entityId: string;
  ssoUrls: Array<{ binding: string; location: string }>;
  /** Signing certificates (use="signing" or unspecified), canonical PEM. */
  signingCertificates: string[];
}

const asArray = <T>(value: T | T[] | undefined): T[] => (value === undefined ? [] : Array.isArray(value) ? value : [value]);

/** Parses SAML 2.0 IdP metadata (an EntityDescriptor, or the first IdP in an EntitiesDescriptor). */
export function parseSamlIdpMetadata(xml: string): SamlIdpMetadata {
  let document: any;
  try {
    document = new XMLParser({ ignoreAttributes: false, removeNSPrefix: true, attributeNamePrefix: "@" }).parse(xml);
  } catch (error) {
    throw new Error(`is not XML (${(error as Error).message})`);
  }
  const entities = document?.EntityDescriptor ? asArray(document.EntityDescriptor) : asArray(document?.EntitiesDescriptor?.EntityDescriptor);
  const entity = entities.find((candidate: any) => candidate?.IDPSSODescriptor);
  if (!entity) throw new Error("is not SAML identity provider metadata (no EntityDescriptor with an IDPSSODescriptor)");
  const descriptor = asArray(entity.IDPSSODescriptor)[0];
  const ssoUrls = asArray<any>(descriptor.SingleSignOnService).map((service) => ({ binding: String(service["@Binding"] ?? ""), location: String(service["@Location"] ?? "") }));
  const signingCertificates = asArray<any>(descriptor.KeyDescriptor)
    .filter((key) => key["@use"] === undefined || key["@use"] === "signing")
    .flatMap((key) => asArray<any>(key?.KeyInfo?.X509Data).flatMap((data) => asArray<any>(data?.X509Certificate)))
    .map((certificate) => canonicalPem(String(typeof certificate === "object" ? certificate["#text"] : certificate)))
    .filter((pem): pem is string => pem !== undefined);
  return { entityId: String(entity["@entityID"] ?? ""), ssoUrls, signingCertificates };
}
