import type { OidcSettings } from "../../api/connections/record";
import { IdpRefusedError } from "../idp-errors";
import { callIdpForJson } from "../idp-http";

/** Where the emulator talks to a connection's OpenID provider. */
export interface OidcIdp {
  /** The `iss` its id_tokens must carry; unknown only for a manual configuration without an issuer. */
  issuer?: string;
  authorizationEndpoint: string;
  tokenEndpoint: string;
  jwksUri: string;
  userinfoEndpoint?: string;
}

/**
 * The IdP's endpoints from its discovery document (`discovery_endpoint`, else
 * `{issuer}/.well-known/openid-configuration`), with explicitly configured URIs taking precedence.
 */
export async function resolveOidcIdp(settings: OidcSettings): Promise<OidcIdp> {
  const s = settings.strings;
  const discoveryUrl = s.discovery_endpoint ?? (s.issuer ? `${s.issuer.replace(/\/$/, "")}/.well-known/openid-configuration` : undefined);
  const manual = s.authorize_uri && s.token_uri && s.jwks_uri;
  const discovered = discoveryUrl && !manual ? await callIdpForJson("discovery document", discoveryUrl) : {};
  if (s.issuer && typeof discovered.issuer === "string" && discovered.issuer !== s.issuer) {
    throw new IdpRefusedError(`the discovery document names the issuer ${discovered.issuer}, not the configured ${s.issuer}`);
  }
  const pick = (configured: string | undefined, key: string): string | undefined => configured ?? (typeof discovered[key] === "string" ? (discovered[key] as string) : undefined);
  const authorizationEndpoint = pick(s.authorize_uri, "authorization_endpoint");
  const tokenEndpoint = pick(s.token_uri, "token_endpoint");
  const jwksUri = pick(s.jwks_uri, "jwks_uri");
  if (!authorizationEndpoint || !tokenEndpoint || !jwksUri) {
    throw new IdpRefusedError("the identity provider's discovery document lacks authorization_endpoint, token_endpoint or jwks_uri");
  }
  return { issuer: pick(s.issuer, "issuer"), authorizationEndpoint, tokenEndpoint, jwksUri, userinfoEndpoint: pick(s.user_info_uri, "userinfo_endpoint") };
}
