import { connectionUrls } from "../../api/connections/wire";
import type { ConnectionRecord } from "../../api/connections/record";
import type { Environment } from "../../environment";
import { parseSamlIdpMetadata, type SamlIdpMetadata } from "../../../provider/resources/sso-connection/saml-metadata";
import { IdpRefusedError } from "../idp-errors";
import { callIdp } from "../idp-http";
import { samlify } from "./samlify";

const BINDING = { post: "urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST", redirect: "urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect" } as const;
const EMAIL_NAME_ID = "urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress";
/** Clock skew accepted on NotBefore / NotOnOrAfter, in ms. */
const CLOCK_DRIFT_MS = 60_000;

/** The two parties of a connection's SAML exchange, as samlify entities, and the values the checks compare with. */
export interface SamlParties {
  sp: samlify.ServiceProviderInstance;
  idp: samlify.IdentityProviderInstance;
  spEntityId: string;
  acsUrl: string;
  /** How the AuthnRequest reaches the IdP. */
  binding: "redirect" | "post";
}

/**
 * The emulator's SP for a connection (entity id and ACS URL as the connection shows them) and the
 * customer's IdP: explicit settings (entity id, SSO URL, certificate) where set, else from the IdP
 * metadata at `idp_metadata_url`. Only the configured certificates can verify a response.
 */
export async function samlParties(env: Environment, connection: ConnectionRecord): Promise<SamlParties> {
  const saml = connection.saml!;
  const urls = connectionUrls(env, connection.id);
  const spEntityId = saml.strings.sp_entity_id ?? urls.spEntityId;
  const acsUrl = saml.strings.sp_assertion_url ?? urls.spAssertionUrl;
  const explicitCertificates = saml.idp_certificates.map((certificate) => certificate.certificate);
  const needsMetadata = !saml.strings.idp_entity_id || !saml.strings.idp_sso_url || explicitCertificates.length === 0;
  const metadata = needsMetadata && saml.strings.idp_metadata_url ? await fetchIdpMetadata(saml.strings.idp_metadata_url) : undefined;

  const entityId = saml.strings.idp_entity_id ?? metadata?.entityId;
  const certificates = explicitCertificates.length > 0 ? explicitCertificates : (metadata?.signingCertificates ?? []);
  const preferPost = saml.enums.idp_sso_request_binding === "HTTP_POST";
  const sso = ssoService(saml.strings.idp_sso_url, metadata, preferPost);
  if (!entityId || !sso || certificates.length === 0) throw new IdpRefusedError(`the SAML configuration of connection ${connection.id} lacks the IdP entity id, SSO URL or certificate`);

  const idp = samlify.IdentityProvider({
    entityID: entityId,
    signingCert: certificates,
    singleSignOnService: [{ Binding: BINDING[sso.binding], Location: sso.location }],
    // samlify warns on every entity without a logout endpoint; the emulator never sends logout requests.
    singleLogoutService: [{ Binding: BINDING.redirect, Location: saml.strings.idp_slo_url ?? sso.location }],
    wantAuthnRequestsSigned: false,
  });
  const sp = samlify.ServiceProvider({
    entityID: spEntityId,
    assertionConsumerService: [{ Binding: BINDING.post, Location: acsUrl }],
    nameIDFormat: [EMAIL_NAME_ID],
    authnRequestsSigned: false,
    wantAssertionsSigned: false,
    clockDrifts: [-CLOCK_DRIFT_MS, CLOCK_DRIFT_MS],
  });
  return { sp, idp, spEntityId, acsUrl, binding: sso.binding };
}

async function fetchIdpMetadata(url: string): Promise<SamlIdpMetadata> {
  const xml = await callIdp("SAML metadata", url, { headers: { accept: "application/samlmetadata+xml, application/xml" } });
  try {
    return parseSamlIdpMetadata(xml);
  } catch (err) {
    throw new IdpRefusedError(`the IdP metadata at ${url} ${(err as Error).message}`);
  }
}

function ssoService(explicitUrl: string | undefined, metadata: SamlIdpMetadata | undefined, preferPost: boolean): { location: string; binding: "redirect" | "post" } | undefined {
  if (explicitUrl) return { location: explicitUrl, binding: preferPost ? "post" : "redirect" };
  const services = metadata?.ssoUrls ?? [];
  const byBinding = (binding: "redirect" | "post") => services.find((service) => service.binding === BINDING[binding]);
  const chosen = (preferPost ? [byBinding("post"), byBinding("redirect")] : [byBinding("redirect"), byBinding("post")]).find(Boolean);
  if (!chosen) return undefined;
  return { location: chosen.location, binding: chosen.binding === BINDING.post ? "post" : "redirect" };
}
