import { connectionStatus } from "../api/connections/status";
import type { ConnectionRecord } from "../api/connections/record";
import type { Environment } from "../environment";
import type { Reply } from "../http/route-table";
import { errorPage } from "../oauth/authorize/pages";
import { failSignIn } from "./sign-in";
import { claimLoginTransaction, findLoginTransaction, type LoginTransactionRecord } from "./login-transactions";

export type RoutedLogin = { kind: "routed"; login: LoginTransactionRecord; connection: ConnectionRecord } | { kind: "answered"; reply: Reply };

const UNKNOWN_SIGN_IN = "This sign-in is unknown, has expired or was already answered. Start again from your MCP client.";

/**
 * The sign-in an IdP answer belongs to (by its `state` / RelayState), checked against the connection
 * whose callback received it, and claimed: one answer per sign-in, even when the same answer (one
 * SAML response, one OIDC code) arrives several times at once. An unknown, expired or already
 * answered sign-in gets a page: there is no client to tell. A connection disabled or reconfigured
 * meanwhile ends the sign-in with access_denied.
 */
export function routedLogin(env: Environment, loginId: string | null, connectionId: string, protocol: "OIDC" | "SAML"): RoutedLogin {
  const login = loginId ? findLoginTransaction(env, loginId) : undefined;
  if (!login) return { kind: "answered", reply: errorPage(400, "invalid_request", UNKNOWN_SIGN_IN) };
  if (login.connection_id !== connectionId) {
    return { kind: "answered", reply: errorPage(400, "invalid_request", "This answer was sent to another connection's callback than the one the sign-in started with.") };
  }
  if (!claimLoginTransaction(env, login.id)) return { kind: "answered", reply: errorPage(400, "invalid_request", UNKNOWN_SIGN_IN) };
  const connection = env.connections.get(connectionId);
  if (!connection || connection.type !== protocol) return { kind: "answered", reply: failSignIn(env, login, "access_denied", `connection ${connectionId} no longer exists`) };
  if (!connection.enabled || connectionStatus(connection) !== "COMPLETED") {
    return { kind: "answered", reply: failSignIn(env, login, "access_denied", `the SSO connection ${connectionId} was disabled during the sign-in`) };
  }
  return { kind: "routed", login, connection };
}
