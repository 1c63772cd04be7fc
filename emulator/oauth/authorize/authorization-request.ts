import type { Environment } from "../../environment";
import { mcpResources } from "../../mcp/lookup";
import type { McpResourceRecord } from "../../mcp/record";
import { scopeNamesOf } from "../../mcp/resources";
import { isKnownScope } from "../../mcp/registration/client-metadata";
import { findRegisteredClient } from "../../mcp/registration/lookup";
import type { RegisteredClientRecord } from "../../mcp/registration/record";

/** A validated authorization request: what the client asked for, kept until the user has signed in. */
export interface AuthorizationRequest {
  clientId: string;
  resourceId: string;
  redirectUri: string;
  state?: string;
  codeChallenge: string;
  scopes: string[];
  nonce?: string;
  loginHint?: string;
}

/** Where an error goes: a page when the client or redirect URI can't be trusted, else back to the client. */
export type AuthorizationRequestResult =
  | { kind: "valid"; request: AuthorizationRequest; client: RegisteredClientRecord; resource: McpResourceRecord }
  | { kind: "untrusted"; description: string }
  | { kind: "refused"; redirectUri: string; state?: string; error: string; description: string };

const SINGLE_VALUED = ["client_id", "redirect_uri", "response_type", "state", "code_challenge", "code_challenge_method", "scope", "resource", "nonce", "login_hint", "prompt"];
const CODE_CHALLENGE = /^[A-Za-z0-9_-]{43}$/;

/**
 * RFC 6749 §4.1.1 with OAuth 2.1's rules: the client and its exact redirect URI first (never redirect
 * to an unverified URI), then response_type=code, PKCE S256, the resource (RFC 8707) and the scopes.
 */
export function readAuthorizationRequest(env: Environment, params: URLSearchParams): AuthorizationRequestResult {
  const clientId = params.get("client_id");
  const client = clientId ? findRegisteredClient(env, clientId) : undefined;
  if (!client) return { kind: "untrusted", description: clientId ? `unknown client_id ${clientId}` : "client_id is required" };
  const redirectUri = params.get("redirect_uri");
  if (!redirectUri) return { kind: "untrusted", description: "redirect_uri is required" };
  if (params.getAll("redirect_uri").length > 1 || !client.redirect_uris.includes(redirectUri)) {
    return { kind: "untrusted", description: `redirect_uri ${redirectUri} is not registered for client ${client.id}` };
  }
  const resource = mcpResources(env).get(client.resource_id);
  if (!resource) return { kind: "untrusted", description: `the MCP resource of client ${client.id} no longer exists` };

  const state = params.get("state") ?? undefined;
  const refuse = (error: string, description: string): AuthorizationRequestResult => ({ kind: "refused", redirectUri, state, error, description });
  const repeated = SINGLE_VALUED.find((name) => params.getAll(name).length > 1);
  if (repeated) return refuse("invalid_request", `${repeated} must not be repeated`);
  if (params.get("response_type") !== "code") return refuse("unsupported_response_type", "only response_type=code is supported");
  if (!client.grant_types.includes("authorization_code")) return refuse("unauthorized_client", "the client is not registered for authorization_code");

  const challenge = params.get("code_challenge");
  if (!challenge) return refuse("invalid_request", "PKCE is required: send code_challenge with code_challenge_method=S256");
  if (params.get("code_challenge_method") !== "S256") return refuse("invalid_request", "code_challenge_method must be S256");
  if (!CODE_CHALLENGE.test(challenge)) return refuse("invalid_request", "code_challenge must be the base64url SHA-256 of the code verifier (43 characters)");

  const target = params.get("resource");
  if (target !== null && target !== resource.resource_id) {
    return refuse("invalid_target", `resource must be ${resource.resource_id}, the MCP server this client registered for`);
  }
  const requested = params.get("scope")?.split(" ").filter((scope) => scope !== "");
  const scopes = requested && requested.length > 0 ? [...new Set(requested)] : defaultScopes(client, resource);
  const outside = scopes.find((scope) => !isKnownScope(scope, scopeNamesOf(resource)) || (client.scope !== undefined && !client.scope.split(" ").includes(scope)));
  if (outside !== undefined) return refuse("invalid_scope", `scope "${outside}" is not offered to this client`);

  return {
    kind: "valid",
    client,
    resource,
    request: {
      clientId: client.id,
      resourceId: resource.id,
      redirectUri,
      state,
      codeChallenge: challenge,
      scopes,
      nonce: params.get("nonce") ?? undefined,
      loginHint: params.get("login_hint") ?? undefined,
    },
  };
}

function defaultScopes(client: RegisteredClientRecord, resource: McpResourceRecord): string[] {
  return client.scope ? client.scope.split(" ") : scopeNamesOf(resource);
}
