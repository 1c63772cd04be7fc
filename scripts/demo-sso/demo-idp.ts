import { generate } from "selfsigned";
import type { IdpRequest } from "../../examples/idp/idp-request";
import { startOidcIdp } from "../../examples/idp/oidc/start-oidc-idp";
import { startSamlIdp } from "../../examples/idp/saml/saml-idp";
import type { Bag } from "./tenant";

export type Protocol = "oidc" | "saml";

/** The customer's IdP in the demo, with what the SSO connection needs from it and what its admin does after. */
export interface DemoIdp {
  label: string;
  origin: string;
  /** The SSOConnection inputs pointing at this IdP. */
  connection: Bag;
  /** The IdP admin adds Scalekit as an app, with the values the connection shows (redirect URI or ACS URL). */
  addApp(connectionOutputs: Bag): Promise<string>;
  onRequest(listener: (request: IdpRequest) => void): void;
  close(): Promise<void>;
}

const OIDC_CLIENT = { clientId: "scalekit-acme", clientSecret: "demo-oidc-client-secret" };

export async function startDemoIdp(protocol: Protocol): Promise<DemoIdp> {
  if (protocol === "oidc") {
    const idp = await startOidcIdp();
    return {
      label: `OpenID provider (oidc-provider) at ${idp.issuer}`,
      origin: idp.issuer,
      connection: { provider: "OKTA", oidc: { issuer: idp.issuer, ...OIDC_CLIENT, pkceEnabled: true } },
      addApp: async (outputs) => {
        await idp.registerClient({ ...OIDC_CLIENT, redirectUris: [outputs.redirectUri] });
        return `client ${OIDC_CLIENT.clientId} with redirect URI ${outputs.redirectUri}`;
      },
      onRequest: (listener) => idp.onRequest(listener),
      close: () => idp.close(),
    };
  }
  const pems = await generate([{ name: "commonName", value: "Demo SAML IdP" }], { keySize: 2048, algorithm: "sha256" });
  const idp = await startSamlIdp({ certificate: { cert: pems.cert, key: pems.private } });
  return {
    label: `SAML IdP (samlify) at ${new URL(idp.ssoUrl).origin}`,
    origin: new URL(idp.ssoUrl).origin,
    connection: { provider: "OKTA", saml: { metadataUrl: idp.metadataUrl } },
    addApp: async (outputs) => {
      idp.trustServiceProvider({ entityId: outputs.spEntityId, acsUrl: outputs.acsUrl });
      return `SP ${outputs.spEntityId} with ACS URL ${outputs.acsUrl}`;
    },
    onRequest: (listener) => idp.onRequest(listener),
    close: () => idp.close(),
  };
}
