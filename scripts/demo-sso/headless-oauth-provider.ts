import { randomBytes } from "node:crypto";
import type { OAuthClientProvider } from "@modelcontextprotocol/sdk/client/auth.js";
import type { OAuthClientInformationMixed, OAuthClientMetadata, OAuthTokens } from "@modelcontextprotocol/sdk/shared/auth.js";
import type { HeadlessBrowser } from "./browser/headless-browser";

/** The authorization server sent the user back with an error instead of a code. */
export class AuthorizationRefusedError extends Error {
  constructor(
    readonly error: string,
    readonly description: string | undefined,
  ) {
    super(`authorization refused: ${error}${description ? ` (${description})` : ""}`);
  }
}

export interface HeadlessOAuthProviderOptions {
  browser: HeadlessBrowser;
  /** The loopback redirect URI the client registers; nothing needs to listen there. */
  redirectUrl: string;
  /** Added to the authorization URL as `login_hint`, which skips the email page. */
  loginHint?: string;
  clientName?: string;
}

/**
 * The MCP SDK's OAuthClientProvider for a client without a screen: it registers as a public client
 * (PKCE, no secret), and "redirects" by driving the headless browser through the sign-in until the
 * authorization server sends it to the redirect URI, where it keeps the code.
 */
export class HeadlessOAuthProvider implements OAuthClientProvider {
  private client?: OAuthClientInformationMixed;
  private savedTokens?: OAuthTokens;
  private verifier?: string;
  private expectedState?: string;
  private code?: string;

  constructor(private readonly options: HeadlessOAuthProviderOptions) {}

  get redirectUrl(): string {
    return this.options.redirectUrl;
  }

  get clientMetadata(): OAuthClientMetadata {
    return {
      client_name: this.options.clientName ?? "headless MCP client",
      redirect_uris: [this.options.redirectUrl],
      grant_types: ["authorization_code", "refresh_token"],
      response_types: ["code"],
      token_endpoint_auth_method: "none",
    };
  }

  state(): string {
    this.expectedState = randomBytes(16).toString("base64url");
    return this.expectedState;
  }

  clientInformation(): OAuthClientInformationMixed | undefined {
    return this.client;
  }

  saveClientInformation(client: OAuthClientInformationMixed): void {
    this.client = client;
  }

  tokens(): OAuthTokens | undefined {
    return this.savedTokens;
  }

  saveTokens(tokens: OAuthTokens): void {
    this.savedTokens = tokens;
  }

  saveCodeVerifier(verifier: string): void {
    this.verifier = verifier;
  }

  codeVerifier(): string {
    if (!this.verifier) throw new Error("no code verifier saved");
    return this.verifier;
  }

  invalidateCredentials(scope: "all" | "client" | "tokens" | "verifier" | "discovery"): void {
    if (scope === "all" || scope === "client") this.client = undefined;
    if (scope === "all" || scope === "tokens") this.savedTokens = undefined;
    if (scope === "all" || scope === "verifier") this.verifier = undefined;
  }

  async redirectToAuthorization(authorizationUrl: URL): Promise<void> {
    const url = new URL(authorizationUrl);
    if (this.options.loginHint) url.searchParams.set("login_hint", this.options.loginHint);
    const landed = await this.options.browser.navigate(url, (candidate) => candidate.href.startsWith(this.options.redirectUrl));
    const params = landed.searchParams;
    if (params.get("state") !== this.expectedState) throw new Error("the redirect carries another state than the authorization request: possible CSRF");
    const error = params.get("error");
    if (error) throw new AuthorizationRefusedError(error, params.get("error_description") ?? undefined);
    const code = params.get("code");
    if (!code) throw new Error("the redirect carries neither a code nor an error");
    this.code = code;
  }

  /** The code the last authorization returned; used once, by `transport.finishAuth`. */
  takeAuthorizationCode(): string {
    const code = this.code;
    this.code = undefined;
    if (!code) throw new Error("no authorization code: the sign-in did not complete");
    return code;
  }
}
