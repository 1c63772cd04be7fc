import { fork, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import * as path from "node:path";
import type { IdpRequest } from "../idp-request";

export interface OidcClientRegistration {
  clientId: string;
  clientSecret: string;
  redirectUris: string[];
  /** Default client_secret_basic, which is what the emulator sends unless the connection says URL_PARAMS. */
  tokenEndpointAuthMethod?: "client_secret_basic" | "client_secret_post";
}

export interface LocalOidcIdp {
  issuer: string;
  /** What an IdP admin does when adding an app: the client Scalekit signs in with, and its redirect URI. */
  registerClient(registration: OidcClientRegistration): Promise<void>;
  onRequest(listener: (request: IdpRequest) => void): void;
  close(): Promise<void>;
}

type Message = { type: "ready"; issuer: string } | ({ type: "request" } & IdpRequest) | { type: "done"; id: number; error?: string };

/**
 * Starts `oidc-idp.mjs` (oidc-provider is ESM only) in a child process and talks to it over IPC.
 * Closing disconnects the channel, on which the child stops its server and exits.
 */
export async function startOidcIdp(): Promise<LocalOidcIdp> {
  const child = fork(idpScript(), [], { stdio: ["ignore", "ignore", "pipe", "ipc"] });
  let stderr = "";
  child.stderr!.on("data", (chunk) => (stderr += chunk));
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const listeners: Array<(request: IdpRequest) => void> = [];
  const pending = new Map<number, { resolve: () => void; reject: (err: Error) => void }>();
  let nextId = 1;

  child.on("message", (message: Message) => {
    if (message.type === "request") listeners.forEach((listener) => listener(message));
    if (message.type === "done") {
      const waiter = pending.get(message.id);
      pending.delete(message.id);
      if (message.error) waiter?.reject(new Error(`the IdP refused the client: ${message.error}`));
      else waiter?.resolve();
    }
  });

  let issuer: string;
  try {
    issuer = await new Promise<string>((resolve, reject) => {
      child.on("message", (message: Message) => message.type === "ready" && resolve(message.issuer));
      child.once("exit", (code) => reject(new Error(`the OIDC IdP exited (${code}) before it was ready: ${stderr.trim()}`)));
      child.once("error", reject);
    });
  } catch (err) {
    child.kill();
    throw err;
  }

  return {
    issuer,
    registerClient: (registration) =>
      new Promise<void>((resolve, reject) => {
        const id = nextId++;
        pending.set(id, { resolve, reject });
        child.send({
          type: "add-client",
          id,
          client: {
            client_id: registration.clientId,
            client_secret: registration.clientSecret,
            redirect_uris: registration.redirectUris,
            grant_types: ["authorization_code"],
            response_types: ["code"],
            token_endpoint_auth_method: registration.tokenEndpointAuthMethod ?? "client_secret_basic",
          },
        });
      }),
    onRequest: (listener) => void listeners.push(listener),
    close: async () => {
      if (child.connected) child.disconnect();
      const timer = setTimeout(() => child.kill(), 2_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

/** The `.mjs` is not compiled: found from the sources and from `dist/examples/idp/oidc` alike. */
function idpScript(): string {
  for (let dir = __dirname; dir !== path.dirname(dir); dir = path.dirname(dir)) {
    const candidate = path.join(dir, "examples", "idp", "oidc", "oidc-idp.mjs");
    if (existsSync(candidate)) return candidate;
  }
  throw new Error("examples/idp/oidc/oidc-idp.mjs not found above " + __dirname);
}
