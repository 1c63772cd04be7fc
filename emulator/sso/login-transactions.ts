import type { Environment } from "../environment";
import type { AuthorizationRequest } from "../oauth/authorize/authorization-request";
import type { OidcIdp } from "./oidc/idp-endpoints";
import { pruneExpired } from "../oauth/prune-expired";
import { randomToken } from "../secrets";
import { Collection } from "../storage/collection";

/** How long a user has to finish signing in at their identity provider. */
const LOGIN_TTL_SECONDS = 600;

/**
 * One sign-in in progress: the client's validated request and, once the email is known, the
 * organization and connection it was routed to, plus what the IdP round trip must echo back.
 * Its unguessable id is the `state` sent to an OIDC IdP and the SAML RelayState.
 */
export interface LoginTransactionRecord {
  id: string;
  request: AuthorizationRequest;
  expires_at: number;
  email?: string;
  organization_id?: string;
  connection_id?: string;
  /** The IdP's endpoints as discovered when the sign-in started, so the callback talks to the same IdP. */
  oidc?: { idp: OidcIdp; nonce: string; code_verifier?: string };
  saml?: { request_id: string };
}

const KIND = "sso_login_transaction";

function transactions(env: Environment): Collection<LoginTransactionRecord> {
  return new Collection<LoginTransactionRecord>(env.db, KIND);
}

export function startLoginTransaction(env: Environment, request: AuthorizationRequest): LoginTransactionRecord {
  pruneExpired(env, KIND);
  return transactions(env).insert({ id: randomToken(), request, expires_at: nowSeconds() + LOGIN_TTL_SECONDS });
}

/** The transaction, or undefined when unknown or expired. */
export function findLoginTransaction(env: Environment, id: string): LoginTransactionRecord | undefined {
  const login = transactions(env).get(id);
  return login && login.expires_at > nowSeconds() ? login : undefined;
}

export function saveLoginTransaction(env: Environment, login: LoginTransactionRecord): void {
  transactions(env).update(login);
}

/**
 * Claims the transaction for the one IdP answer that completes it: false when another answer claimed
 * it first. Synchronous, so of several answers posted at the same time exactly one gets through.
 */
export function claimLoginTransaction(env: Environment, id: string): boolean {
  return transactions(env).delete(id);
}

/** A transaction is used once: it ends with a code for the client or an error. */
export function endLoginTransaction(env: Environment, id: string): void {
  transactions(env).delete(id);
}

function nowSeconds(): number {
  return Math.floor(Date.now() / 1000);
}
