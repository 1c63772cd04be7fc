import { createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject } from "node:crypto";
import type { IdGenerator } from "../ids";
import type { MetaStore } from "../storage/meta";

const KEYS_KEY = "signing_keys";

interface StoredKey {
  kid: string;
  private_key_pem: string;
  create_time: string;
}

export interface PublicJwk {
  kty: string;
  n: string;
  e: string;
  kid: string;
  alg: "RS256";
  use: "sig";
}

/**
 * The environment's RS256 signing keys (kid `snk_…`). The newest signs; all stay published in the
 * JWKS so tokens signed before a rotation still verify. Persisted with the rest of the environment.
 */
export class SigningKeys {
  private keys: StoredKey[];
  /** Parsing a PEM costs about half a millisecond, and every API request verifies a token: parse once per key. */
  private readonly parsed = new Map<string, { privateKey: KeyObject; publicKey: KeyObject }>();

  constructor(
    private readonly meta: MetaStore,
    private readonly ids: IdGenerator,
  ) {
    this.keys = meta.get<StoredKey[]>(KEYS_KEY) ?? [];
    if (this.keys.length === 0) this.rotate();
  }

  current(): { kid: string; privateKey: KeyObject } {
    const key = this.keys[this.keys.length - 1];
    return { kid: key.kid, privateKey: this.keyObjects(key).privateKey };
  }

  publicKey(kid: string): KeyObject | undefined {
    const key = this.keys.find((k) => k.kid === kid);
    return key ? this.keyObjects(key).publicKey : undefined;
  }

  private keyObjects(key: StoredKey) {
    let objects = this.parsed.get(key.kid);
    if (!objects) {
      const privateKey = createPrivateKey(key.private_key_pem);
      objects = { privateKey, publicKey: createPublicKey(privateKey) };
      this.parsed.set(key.kid, objects);
    }
    return objects;
  }

  rotate(): void {
    const { privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
    this.keys.push({
      kid: this.ids.next("snk"),
      private_key_pem: privateKey.export({ format: "pem", type: "pkcs8" }).toString(),
      create_time: new Date().toISOString(),
    });
    this.meta.set(KEYS_KEY, this.keys);
  }

  jwks(): { keys: PublicJwk[] } {
    return {
      keys: this.keys
        .slice()
        .reverse()
        .map((key) => {
          const jwk = this.keyObjects(key).publicKey.export({ format: "jwk" });
          return { kty: jwk.kty as string, n: jwk.n as string, e: jwk.e as string, kid: key.kid, alg: "RS256", use: "sig" };
        }),
    };
  }
}
