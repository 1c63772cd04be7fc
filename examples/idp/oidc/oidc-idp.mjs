// A customer's OpenID provider for local SSO runs: oidc-provider (ESM only, so it runs in its own
// process). Any login with any password signs in; the login is the user's email (email_verified is
// false for logins starting with "unverified").
//
//   node examples/idp/oidc/oidc-idp.mjs [port]     prints {"issuer": …} on stdout
//
// Forked with an IPC channel (start-oidc-idp.ts), it announces {type: "ready", issuer}, reports every
// request it serves as {type: "request", …}, registers clients on {type: "add-client"}, and exits
// when the channel closes.
import { generateKeyPairSync } from "node:crypto";
import { createServer } from "node:http";
import Provider from "oidc-provider";

const ACCOUNT_CLAIMS = { openid: ["sub"], email: ["email", "email_verified"], profile: ["name"] };

const server = createServer();
await new Promise((resolve) => server.listen(Number(process.argv[2] ?? 0), "127.0.0.1", resolve));
const issuer = `http://127.0.0.1:${server.address().port}`;
const signingKey = generateKeyPairSync("rsa", { modulusLength: 2048 }).privateKey.export({ format: "jwk" });

const provider = new Provider(issuer, {
  jwks: { keys: [{ ...signingKey, kid: "idp-signing-key", alg: "RS256", use: "sig" }] },
  claims: ACCOUNT_CLAIMS,
  cookies: { keys: ["local-idp-cookie-key"] },
  // A login whose local part starts with "unverified" has an email the IdP did not verify: relying parties must refuse it.
  findAccount: (_ctx, id) => ({ accountId: id, claims: () => ({ sub: id, email: id, email_verified: !String(id).startsWith("unverified"), name: displayName(id) }) }),
  // An enterprise IdP does not ask its users to consent to their company's own apps.
  loadExistingGrant,
  pkce: { required: () => false },
  features: { devInteractions: { enabled: true } },
});
// The login and password form is oidc-provider's development page; it only matters that it is a form.
server.on("request", reportRequests);
server.on("request", provider.callback());

async function loadExistingGrant(ctx) {
  const grantId = ctx.oidc.result?.consent?.grantId ?? ctx.oidc.session.grantIdFor(ctx.oidc.client.clientId);
  if (grantId) return ctx.oidc.provider.Grant.find(grantId);
  const grant = new ctx.oidc.provider.Grant({ clientId: ctx.oidc.client.clientId, accountId: ctx.oidc.session.accountId });
  grant.addOIDCScope(ctx.oidc.params.scope ?? "openid");
  await grant.save();
  return grant;
}

function displayName(email) {
  const local = String(email).split("@")[0];
  return local.charAt(0).toUpperCase() + local.slice(1);
}

function reportRequests(req, res) {
  if (!process.send) return;
  const started = Date.now();
  res.on("finish", () => {
    const path = new URL(req.url ?? "/", issuer).pathname;
    const userAgent = req.headers["user-agent"] ?? "";
    process.send({ type: "request", method: req.method, path, status: res.statusCode, userAgent, startedAt: started });
  });
}

async function onMessage(message) {
  if (message?.type !== "add-client") return;
  try {
    // Clients stored through the adapter are what dynamic registration would create.
    await provider.Client.adapter.upsert(message.client.client_id, message.client);
    process.send({ type: "done", id: message.id });
  } catch (err) {
    process.send({ type: "done", id: message.id, error: err.message });
  }
}

if (process.send) {
  process.on("message", (message) => void onMessage(message));
  process.on("disconnect", () => {
    server.closeAllConnections();
    server.close(() => process.exit(0));
  });
  process.send({ type: "ready", issuer });
} else {
  process.stdout.write(`${JSON.stringify({ issuer })}\n`);
}
