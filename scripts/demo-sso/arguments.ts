import { parseArgs } from "node:util";
import type { Protocol } from "./demo-idp";

export interface DemoArguments {
  protocol: Protocol;
  email: string;
}

export const USAGE = "usage: npm run demo:sso [-- --protocol oidc|saml] [--email someone@acme.test]\n";

/** `--protocol` picks the customer's IdP (default oidc); `--email` the user (default someone@acme.test). */
export function parseDemoArguments(argv: string[]): DemoArguments {
  const { values } = parseArgs({ args: argv, strict: true, options: { protocol: { type: "string" }, email: { type: "string" }, help: { type: "boolean" } } });
  if (values.help) throw new Error(USAGE);
  const protocol = values.protocol ?? "oidc";
  if (protocol !== "oidc" && protocol !== "saml") throw new Error(`--protocol must be oidc or saml, not ${protocol}`);
  const email = values.email ?? "someone@acme.test";
  if (!/^[^\s@]+@acme\.test$/.test(email)) throw new Error("--email must be an address at acme.test, the tenant's domain");
  return { protocol, email };
}
