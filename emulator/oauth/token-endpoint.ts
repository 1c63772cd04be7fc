import type { ApiRequest, Reply, RouteTable } from "../http/route-table";
import { secretsEqual } from "../secrets";
import { readClientCredentials, type ClientCredentials } from "./client-auth";
import { oauthError } from "./oauth-error";

/** Handles one `grant_type` at the token endpoint. */
export type GrantHandler = (request: ApiRequest, form: URLSearchParams, client: ClientCredentials | undefined) => Promise<Reply>;

/** The grant types `/oauth/token` understands; more (authorization_code, refresh_token) can be registered. */
export class GrantRegistry {
  private readonly grants = new Map<string, GrantHandler>();

  register(grantType: string, handler: GrantHandler): this {
    this.grants.set(grantType, handler);
    return this;
  }

  get(grantType: string): GrantHandler | undefined {
    return this.grants.get(grantType);
  }
}

export function registerTokenEndpoint(routes: RouteTable, grants: GrantRegistry): void {
  grants.register("client_credentials", clientCredentialsGrant);
  routes.add("POST", "/oauth/token", (request) => tokenEndpoint(request, grants), "none");
}

async function tokenEndpoint(request: ApiRequest, grants: GrantRegistry): Promise<Reply> {
  const contentType = String(request.headers["content-type"] ?? "");
  if (!contentType.toLowerCase().startsWith("application/x-www-form-urlencoded")) {
    return oauthError(400, "invalid_request", "the token request must be application/x-www-form-urlencoded");
  }
  const form = new URLSearchParams(request.rawBody.toString("utf8"));
  const grantType = form.get("grant_type");
  if (!grantType) return oauthError(400, "invalid_request", "grant_type is required");
  const handler = grants.get(grantType);
  if (!handler) return oauthError(400, "unsupported_grant_type", `grant_type ${grantType} is not supported`);
  const auth = readClientCredentials(request, form);
  if (!auth.ok) return oauthError(400, "invalid_request", auth.description);
  return handler(request, form, auth.credentials);
}

/** The environment's API client: `client_credentials` with the environment client id and secret. */
async function clientCredentialsGrant(request: ApiRequest, _form: URLSearchParams, client: ClientCredentials | undefined): Promise<Reply> {
  const { env } = request;
  const valid = client && client.clientId === env.clientId && secretsEqual(client.clientSecret, env.clientSecret);
  if (!valid) {
    const challenge: Record<string, string> = client?.method === "client_secret_basic" ? { "www-authenticate": 'Basic realm="oauth"' } : {};
    return oauthError(401, "invalid_client", "client authentication failed: unknown client or wrong secret", challenge);
  }
  const signed = await env.tokens.signAccessToken({ sub: env.clientId, client_id: env.clientId });
  return {
    status: 200,
    json: { access_token: signed.token, token_type: "Bearer", expires_in: signed.expiresIn, scope: "openid" },
    headers: { "cache-control": "no-store", pragma: "no-cache" },
  };
}
