import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";

/** SAML 2.0 IdP metadata with one signing certificate and a redirect-binding SSO service. */
export function samlIdpMetadata(options: { entityId: string; ssoUrl: string; certificatePem: string }): string {
  const body = options.certificatePem.replace(/-----(BEGIN|END) CERTIFICATE-----|\s/g, "");
  return `<?xml version="1.0"?>
<md:EntityDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata" entityID="${options.entityId}">
  <md:IDPSSODescriptor protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol">
    <md:KeyDescriptor use="signing">
      <ds:KeyInfo xmlns:ds="http://www.w3.org/2000/09/xmldsig#"><ds:X509Data><ds:X509Certificate>${body}</ds:X509Certificate></ds:X509Data></ds:KeyInfo>
    </md:KeyDescriptor>
    <md:SingleSignOnService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect" Location="${options.ssoUrl}"/>
  </md:IDPSSODescriptor>
</md:EntityDescriptor>`;
}

/** A static document server on loopback standing in for an IdP's metadata and discovery endpoints. */
export class IdpDocumentServer {
  private constructor(private readonly server: Server, readonly url: string, private readonly documents: Map<string, string>) {}

  static async start(): Promise<IdpDocumentServer> {
    const documents = new Map<string, string>();
    const server = createServer((request, response) => {
      const document = documents.get(request.url ?? "");
      if (document === undefined) return void response.writeHead(404).end("not found");
      response.writeHead(200, { "content-type": document.trimStart().startsWith("{") ? "application/json" : "application/xml" }).end(document);
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    return new IdpDocumentServer(server, `http://127.0.0.1:${(server.address() as AddressInfo).port}`, documents);
  }

  /** Serves `document` at `path` and returns its URL. */
  serve(path: string, document: string): string {
    this.documents.set(path, document);
    return `${this.url}${path}`;
  }

  /** Serves an OIDC discovery document for `issuer` under this server and returns the issuer URL. */
  serveOidcIssuer(path: string, overrides: Record<string, unknown> = {}): string {
    const issuer = `${this.url}${path}`;
    this.serve(`${path}/.well-known/openid-configuration`, JSON.stringify({
      issuer,
      authorization_endpoint: `${issuer}/authorize`,
      token_endpoint: `${issuer}/token`,
      jwks_uri: `${issuer}/jwks`,
      ...overrides,
    }));
    return issuer;
  }

  close(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}
