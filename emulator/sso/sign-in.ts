import { ssoDomainsOf } from "../api/domains/lookup";
import type { Environment } from "../environment";
import type { Reply } from "../http/route-table";
import { errorToClient, redirectToClient } from "../oauth/authorize/client-redirect";
import { issueAuthorizationCode } from "../oauth/grants/authorization-codes";
import type { AuthorizationServerSettings } from "../oauth/settings";
import { discoverRealm, emailDomain } from "./home-realm";
import { IdpRefusedError, IdpUnavailableError } from "./idp-errors";
import { endLoginTransaction, saveLoginTransaction, type LoginTransactionRecord } from "./login-transactions";
import { startOidcLogin } from "./oidc/start-oidc-login";
import { startSamlLogin } from "./saml/start-saml-login";
import { signInUser } from "./users";

/** What the identity provider asserted about the user, after its response was verified. */
export interface IdpIdentity {
  email: string;
  name?: string;
}

/** Routes the user by the domain of `email` and sends the browser to their organization's IdP. */
export async function beginSignIn(env: Environment, login: LoginTransactionRecord, email: string): Promise<Reply> {
  const realm = discoverRealm(env, email);
  if (realm.kind === "refused") return failSignIn(env, login, "access_denied", realm.description);
  const routed: LoginTransactionRecord = { ...login, email: email.trim().toLowerCase(), organization_id: realm.organization.id, connection_id: realm.connection.id };
  try {
    const started = realm.connection.type === "OIDC" ? await startOidcLogin(env, routed, realm.connection) : await startSamlLogin(env, routed, realm.connection);
    saveLoginTransaction(env, started.login);
    return started.reply;
  } catch (err) {
    if (err instanceof IdpUnavailableError) return failSignIn(env, login, "temporarily_unavailable", err.message);
    // The connection points at something that is not a usable IdP (discovery or metadata): nothing the user can fix.
    if (err instanceof IdpRefusedError) return failSignIn(env, login, "server_error", err.message);
    throw err;
  }
}

/**
 * The IdP vouched for `identity`: its email must belong to the organization the sign-in was routed
 * to, then the user gets a single-use authorization code and the browser goes back to the client.
 */
export function completeSignIn(env: Environment, login: LoginTransactionRecord, identity: IdpIdentity, settings: AuthorizationServerSettings): Reply {
  const organizationId = login.organization_id!;
  const domain = emailDomain(identity.email);
  if (!env.organizations.get(organizationId)) return failSignIn(env, login, "access_denied", `organization ${organizationId} no longer exists`);
  if (!domain || !ssoDomainsOf(env, organizationId).some((record) => record.domain === domain)) {
    return failSignIn(env, login, "access_denied", `the identity provider signed in ${identity.email}, whose domain does not belong to organization ${organizationId}`);
  }
  const user = signInUser(env, organizationId, identity, login.connection_id!);
  const code = issueAuthorizationCode(
    env,
    login.request,
    { userId: user.id, organizationId, connectionId: login.connection_id!, email: user.email, name: user.name },
    settings.authorizationCodeTtlSeconds,
  );
  endLoginTransaction(env, login.id);
  return redirectToClient(login.request.redirectUri, { code, state: login.request.state });
}

/** Ends the sign-in and tells the client why, through the browser (RFC 6749 §4.1.2.1). */
export function failSignIn(env: Environment, login: LoginTransactionRecord, error: string, description: string): Reply {
  endLoginTransaction(env, login.id);
  return errorToClient(login.request, error, description);
}
