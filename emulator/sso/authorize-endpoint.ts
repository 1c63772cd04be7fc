import type { ApiRequest, Reply, RouteTable } from "../http/route-table";
import { emailDomain } from "./home-realm";
import { findLoginTransaction, startLoginTransaction } from "./login-transactions";
import { beginSignIn } from "./sign-in";
import { readAuthorizationRequest } from "../oauth/authorize/authorization-request";
import { errorToClient } from "../oauth/authorize/client-redirect";
import { emailPage, errorPage } from "../oauth/authorize/pages";

const AUTHORIZE_PATH = "/oauth/authorize";
const EMAIL_FORM_PATH = "/oauth/authorize/email";

/**
 * `GET /oauth/authorize` starts a sign-in: with an email `login_hint` the user goes straight to their
 * organization's IdP, otherwise a page asks for the work email (`POST /oauth/authorize/email`).
 */
export function registerAuthorizeEndpoint(routes: RouteTable): void {
  routes.add("GET", AUTHORIZE_PATH, authorize, "none").add("POST", EMAIL_FORM_PATH, submitEmail, "none");
}

async function authorize(request: ApiRequest): Promise<Reply> {
  const { env } = request;
  const read = readAuthorizationRequest(env, request.query);
  if (read.kind === "untrusted") return errorPage(400, "invalid_request", read.description);
  if (read.kind === "refused") return errorToClient(read, read.error, read.description);
  const login = startLoginTransaction(env, read.request);
  const hint = read.request.loginHint;
  if (hint && emailDomain(hint)) return beginSignIn(env, login, hint);
  return emailPage(EMAIL_FORM_PATH, login.id);
}

async function submitEmail(request: ApiRequest): Promise<Reply> {
  const { env } = request;
  if (!String(request.headers["content-type"] ?? "").toLowerCase().startsWith("application/x-www-form-urlencoded")) {
    return errorPage(400, "invalid_request", "The sign-in form must be posted as application/x-www-form-urlencoded.");
  }
  const form = new URLSearchParams(request.rawBody.toString("utf8"));
  const login = findLoginTransaction(env, form.get("login") ?? "");
  if (!login) return errorPage(400, "invalid_request", "This sign-in is unknown or has expired. Start again from your MCP client.");
  const email = (form.get("email") ?? "").trim();
  if (!emailDomain(email)) return emailPage(EMAIL_FORM_PATH, login.id, `${email || "An empty value"} is not an email address.`);
  return beginSignIn(env, login, email);
}
