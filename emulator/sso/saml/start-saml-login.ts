import type { ConnectionRecord } from "../../api/connections/record";
import type { Environment } from "../../environment";
import type { Reply } from "../../http/route-table";
import { redirectTo } from "../../oauth/authorize/client-redirect";
import { autoPostPage } from "../auto-post-page";
import type { LoginTransactionRecord } from "../login-transactions";
import { samlParties } from "./entities";

/**
 * The browser leg to a SAML IdP: an unsigned AuthnRequest for the connection's ACS URL, sent by the
 * HTTP-Redirect binding (or an auto-posting form for HTTP-POST), with the sign-in's id as RelayState.
 * The request id is kept so the response's InResponseTo can be checked.
 */
export async function startSamlLogin(env: Environment, login: LoginTransactionRecord, connection: ConnectionRecord): Promise<{ login: LoginTransactionRecord; reply: Reply }> {
  const { sp, idp, binding } = await samlParties(env, connection);
  const request = sp.createLoginRequest(idp, binding, { relayState: login.id }) as { id: string; context: string; entityEndpoint?: string };
  const reply = binding === "redirect" ? redirectTo(request.context) : autoPostPage(request.entityEndpoint!, { SAMLRequest: request.context, RelayState: login.id });
  return { login: { ...login, saml: { request_id: request.id } }, reply };
}
