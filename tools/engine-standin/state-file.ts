import { createCipheriv, createDecipheriv, randomBytes, scryptSync } from "node:crypto";
import { mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import * as path from "node:path";
import type { StackConfig } from "./config";
import type { StackState } from "./state";
import { isPlainObject, isSecretEnvelope, SECRET_SIG, SIG_KEY, type Bag } from "./values";

/**
 * The state as a JSON file, every secret encrypted (AES-256-GCM, key derived from a passphrase with
 * scrypt), so the file holds no secret in plaintext: secret values become
 * `{ "<sig>": "<secret sig>", "ciphertext": … }` and secret config `{ "secure": … }`, the shapes of a
 * Pulumi checkpoint and stack config file with the passphrase secrets provider.
 */
export class StateFile {
  private readonly key: Buffer;

  private constructor(
    readonly file: string,
    private readonly salt: string,
    passphrase: string,
  ) {
    this.key = scryptSync(passphrase, Buffer.from(salt, "base64"), 32);
  }

  /** Opens `file` with its own salt, or prepares a new one. The passphrase is checked on the first read. */
  static open(file: string, passphrase: string): StateFile {
    let salt: string;
    try {
      salt = (JSON.parse(readFileSync(file, "utf8")) as { encryptionSalt: string }).encryptionSalt;
    } catch {
      salt = randomBytes(16).toString("base64");
    }
    return new StateFile(file, salt, passphrase);
  }

  /** The state in the file, or undefined when there is no file yet. Throws on a wrong passphrase. */
  read(): StackState | undefined {
    let text: string;
    try {
      text = readFileSync(this.file, "utf8");
    } catch {
      return undefined;
    }
    const stored = JSON.parse(text) as { resources: StackState["resources"]; config: Bag };
    return {
      resources: this.decryptValue(stored.resources) as StackState["resources"],
      config: Object.fromEntries(Object.entries(stored.config).map(([key, value]) => [key, isPlainObject(value) ? { secret: this.decrypt(value.secure) } : value])) as StackConfig,
    };
  }

  /** Writes the whole state (atomically: a complete file or the previous one). */
  write(state: StackState): void {
    const stored = {
      version: 1,
      encryptionSalt: this.salt,
      config: Object.fromEntries(Object.entries(state.config).map(([key, value]) => [key, typeof value === "object" ? { secure: this.encrypt(value.secret) } : value])),
      resources: this.encryptValue(state.resources),
    };
    mkdirSync(path.dirname(this.file), { recursive: true });
    const temporary = `${this.file}.${process.pid}.tmp`;
    writeFileSync(temporary, `${JSON.stringify(stored, null, 2)}\n`);
    renameSync(temporary, this.file);
  }

  private encryptValue(value: unknown): unknown {
    if (isSecretEnvelope(value)) return { [SIG_KEY]: SECRET_SIG, ciphertext: this.encrypt(JSON.stringify(value.value ?? null)) };
    if (Array.isArray(value)) return value.map((item) => this.encryptValue(item));
    if (isPlainObject(value)) return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, this.encryptValue(item)]));
    return value;
  }

  private decryptValue(value: unknown): unknown {
    if (isPlainObject(value) && value[SIG_KEY] === SECRET_SIG && typeof value.ciphertext === "string") {
      return { [SIG_KEY]: SECRET_SIG, value: JSON.parse(this.decrypt(value.ciphertext)) };
    }
    if (Array.isArray(value)) return value.map((item) => this.decryptValue(item));
    if (isPlainObject(value)) return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, this.decryptValue(item)]));
    return value;
  }

  private encrypt(plaintext: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv("aes-256-gcm", this.key, iv);
    const sealed = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
    return `v1:${iv.toString("base64")}:${Buffer.concat([cipher.getAuthTag(), sealed]).toString("base64")}`;
  }

  private decrypt(ciphertext: string): string {
    const [version, iv, data] = ciphertext.split(":");
    if (version !== "v1" || !iv || !data) throw new Error(`${this.file}: not a ciphertext of this state file`);
    const bytes = Buffer.from(data, "base64");
    const decipher = createDecipheriv("aes-256-gcm", this.key, Buffer.from(iv, "base64"));
    decipher.setAuthTag(bytes.subarray(0, 16));
    try {
      return Buffer.concat([decipher.update(bytes.subarray(16)), decipher.final()]).toString("utf8");
    } catch {
      throw new Error(`${this.file}: the passphrase does not decrypt this state file`);
    }
  }
}
