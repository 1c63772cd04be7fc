import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { samlify } from "./samlify";
import type { IdpRequest } from "../idp-request";
import { htmlPage, escapeHtml } from "./html";
import { loginResponseTemplate } from "./saml-response";

const BINDING = { post: "urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST", redirect: "urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect" };

export interface SamlIdpOptions {
  /** The IdP's signing key pair (PEM); its certificate is what the SSO connection is configured with. */
  certificate: { cert: string; key: string };
  port?: number;
  /** The XML signature algorithm of its responses (default RSA-SHA256); RSA-SHA1 plays an outdated IdP. */
  signatureAlgorithm?: "rsa-sha256" | "rsa-sha1";
}

const SIGNATURE_ALGORITHMS = { "rsa-sha256": "http://www.w3.org/2001/04/xmldsig-more#rsa-sha256", "rsa-sha1": "http://www.w3.org/2000/09/xmldsig#rsa-sha1" } as const;

export interface ServiceProviderRegistration {
  /** The connection's SP entity id. */
  entityId: string;
  /** The connection's ACS URL, where responses are posted. */
  acsUrl: string;
}

export interface LocalSamlIdp {
  entityId: string;
  /** The SSO service for the HTTP-Redirect and HTTP-POST bindings. */
  ssoUrl: string;
  metadataUrl: string;
  certificate: string;
  /** What an IdP admin does when adding an app: the SP it may sign users in to. */
  trustServiceProvider(sp: ServiceProviderRegistration): void;
  onRequest(listener: (request: IdpRequest) => void): void;
  close(): Promise<void>;
}

/**
 * A SAML 2.0 IdP for local SSO runs, built on samlify: SP-initiated only, a login page that accepts
 * any email with any password, and responses whose assertion is signed with the given key.
 */
export async function startSamlIdp(options: SamlIdpOptions): Promise<LocalSamlIdp> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, "127.0.0.1", resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const entityId = `${base}/metadata`;
  const ssoUrl = `${base}/sso`;
  const idp = samlify.IdentityProvider({
    entityID: entityId,
    privateKey: options.certificate.key,
    signingCert: options.certificate.cert,
    nameIDFormat: ["urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress"],
    requestSignatureAlgorithm: SIGNATURE_ALGORITHMS[options.signatureAlgorithm ?? "rsa-sha256"],
    singleSignOnService: [
      { Binding: BINDING.redirect, Location: ssoUrl },
      { Binding: BINDING.post, Location: ssoUrl },
    ],
    // samlify warns on an IdP without a logout endpoint; this IdP does not do single logout.
    singleLogoutService: [{ Binding: BINDING.redirect, Location: ssoUrl }],
  });
  const trusted = new Map<string, samlify.ServiceProviderInstance>();
  const listeners: Array<(request: IdpRequest) => void> = [];

  server.on("request", (req: IncomingMessage, res: ServerResponse) => {
    const startedAt = Date.now();
    res.on("finish", () => {
      const request = { method: req.method ?? "GET", path: new URL(req.url ?? "/", base).pathname, status: res.statusCode, userAgent: req.headers["user-agent"] ?? "", startedAt };
      listeners.forEach((listener) => listener(request));
    });
    handle(req, res).catch((err: Error) => {
      if (!res.headersSent) send(res, 400, htmlPage("Sign-in failed", `<p>${escapeHtml(err.message)}</p>`));
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? "/", base);
    if (req.method === "GET" && url.pathname === "/metadata") return send(res, 200, idp.getMetadata(), "application/samlmetadata+xml");
    if (url.pathname === "/sso" && (req.method === "GET" || req.method === "POST")) {
      const params = req.method === "GET" ? url.searchParams : new URLSearchParams(await readBody(req));
      const binding = req.method === "GET" ? "redirect" : "post";
      await parseAuthnRequest(params, binding);
      return send(res, 200, loginPage(params, binding));
    }
    if (req.method === "POST" && url.pathname === "/sso/login") {
      const form = new URLSearchParams(await readBody(req));
      const binding = form.get("binding") === "post" ? "post" : "redirect";
      const { request, sp, acsUrl } = await parseAuthnRequest(form, binding);
      const email = (form.get("email") ?? "").trim();
      if (!email.includes("@") || !form.get("password")) return send(res, 200, loginPage(form, binding, "Enter your email and a password."));
      const subject = { email, name: displayName(email), requestId: String(request.extract.request?.id ?? ""), acsUrl, audience: sp.entityMeta.getEntityID(), idpEntityId: entityId };
      const response = (await idp.createLoginResponse(sp, { ...request }, "post", { email }, { relayState: form.get("RelayState") ?? undefined, customTagReplacement: loginResponseTemplate(subject) })) as { context: string };
      return send(res, 200, autoPost(acsUrl, { SAMLResponse: response.context, ...(form.get("RelayState") ? { RelayState: form.get("RelayState")! } : {}) }));
    }
    send(res, 404, htmlPage("Not found", "<p>Nothing here.</p>"));
  }

  /** Any trusted SP can parse an unsigned request; the issuer then picks the SP it really comes from. */
  async function parseAuthnRequest(params: URLSearchParams, binding: "redirect" | "post") {
    const anySp = trusted.values().next().value;
    if (!anySp || !params.get("SAMLRequest")) throw new Error("No AuthnRequest from a trusted service provider.");
    const input = binding === "redirect" ? { query: Object.fromEntries(params) } : { body: Object.fromEntries(params) };
    const request = await idp.parseLoginRequest(anySp, binding, input);
    const issuer = String(request.extract.issuer ?? "");
    const sp = trusted.get(issuer);
    if (!sp) throw new Error(`The service provider ${issuer} is not set up at this IdP.`);
    const acsUrl = String(sp.entityMeta.getAssertionConsumerService("post"));
    const asked = request.extract.request?.assertionConsumerServiceUrl;
    if (asked !== undefined && asked !== acsUrl) throw new Error(`The AuthnRequest asks for the ACS URL ${String(asked)}, not the registered ${acsUrl}.`);
    return { request, sp, acsUrl };
  }

  return {
    entityId,
    ssoUrl,
    metadataUrl: `${base}/metadata`,
    certificate: options.certificate.cert,
    trustServiceProvider: ({ entityId: spEntityId, acsUrl }) => {
      trusted.set(spEntityId, samlify.ServiceProvider({ entityID: spEntityId, assertionConsumerService: [{ Binding: BINDING.post, Location: acsUrl }], wantAssertionsSigned: true }));
    },
    onRequest: (listener) => void listeners.push(listener),
    close: () => {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

function loginPage(params: URLSearchParams, binding: string, problem?: string): string {
  const hidden = ["SAMLRequest", "RelayState"]
    .filter((name) => params.get(name))
    .map((name) => `<input type="hidden" name="${name}" value="${escapeHtml(params.get(name)!)}">`)
    .join("\n");
  return htmlPage(
    "Local SAML IdP",
    `${problem ? `<p role="alert">${escapeHtml(problem)}</p>` : ""}
<form method="post" action="/sso/login">
${hidden}
<input type="hidden" name="binding" value="${escapeHtml(binding)}">
<label>Email <input type="email" name="email" required autofocus></label>
<label>Password <input type="password" name="password" required></label>
<button type="submit">Sign in</button>
</form>`,
  );
}

function autoPost(action: string, fields: Record<string, string>): string {
  const inputs = Object.entries(fields).map(([name, value]) => `<input type="hidden" name="${name}" value="${escapeHtml(value)}">`).join("\n");
  return htmlPage("Signing you in", `<form method="post" action="${escapeHtml(action)}">\n${inputs}\n<noscript><button type="submit">Continue</button></noscript>\n</form>`, 'onload="document.forms[0].submit()"');
}

function displayName(email: string): string {
  const local = email.split("@")[0];
  return local.charAt(0).toUpperCase() + local.slice(1);
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

function send(res: ServerResponse, status: number, body: string, contentType = "text/html; charset=utf-8"): void {
  res.writeHead(status, { "content-type": contentType, "cache-control": "no-store" }).end(body);
}
