/**
 * Property values as the engine moves them between program, state and provider: secret envelopes,
 * the unknown sentinel, deep equality. The encodings are the SDK's (runtime/rpc.js).
 */

export type Bag = Record<string, any>;

/** `specialSigKey` and `specialSecretSig` of @pulumi/pulumi runtime/rpc.js. */
export const SIG_KEY = "4dabf18193072939515e22adb298388d";
export const SECRET_SIG = "1b47061264138c4ac30d75fd1eb44270";
/** What the SDK sends, and the engine answers, for a value not known during a preview. */
export const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

/** A value the way the engine sends a secret. */
export function secretEnvelope(value: unknown): Bag {
  return { [SIG_KEY]: SECRET_SIG, value };
}

export function isSecretEnvelope(value: unknown): value is { value: unknown } {
  return typeof value === "object" && value !== null && (value as Bag)[SIG_KEY] === SECRET_SIG;
}

/**
 * The value with every secret envelope replaced by its content: what a provider that does not accept
 * secrets gets. A value without secrets comes back as it is (most bags have none: no copy for them).
 */
export function revealSecrets(value: unknown): unknown {
  return containsSecrets(value) ? withSecretsRevealed(value) : value;
}

function withSecretsRevealed(value: unknown): unknown {
  if (isSecretEnvelope(value)) return withSecretsRevealed(value.value);
  if (Array.isArray(value)) return value.map(withSecretsRevealed);
  if (isPlainObject(value)) return mapValues(value, withSecretsRevealed);
  return value;
}

export function containsSecrets(value: unknown): boolean {
  if (isSecretEnvelope(value)) return true;
  if (Array.isArray(value)) return value.some(containsSecrets);
  if (isPlainObject(value)) return Object.values(value).some(containsSecrets);
  return false;
}

/**
 * Re-marks as secret what a provider that does not accept secrets returned: each output whose input of
 * the same name held a secret becomes secret, recursing where both sides are objects. Pulumi's rule
 * (pkg/resource/plugin/provider_plugin.go, annotateSecrets).
 */
export function annotateSecrets(outputs: Bag, inputs: Bag | undefined): Bag {
  if (!inputs || !containsSecrets(inputs)) return outputs;
  const result: Bag = { ...outputs };
  for (const [key, input] of Object.entries(inputs)) {
    if (!(key in result)) continue;
    const output = result[key];
    if (isPlainObject(output) && !isSecretEnvelope(output) && isPlainObject(input) && !isSecretEnvelope(input)) {
      result[key] = annotateSecrets(output, input);
    } else if (!isSecretEnvelope(output) && containsSecrets(input)) {
      result[key] = secretEnvelope(output);
    }
  }
  return result;
}

/** Top-level keys made secret (additionalSecretOutputs, and outputs whose input of the same name is secret). */
export function markSecretKeys(outputs: Bag, keys: Iterable<string>): Bag {
  const result: Bag = { ...outputs };
  for (const key of keys) {
    if (key in result && !isSecretEnvelope(result[key])) result[key] = secretEnvelope(result[key]);
  }
  return result;
}

/** Structural equality, key order ignored; secret envelopes compare by content and secrecy. */
export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) || Array.isArray(b)) return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((item, index) => deepEqual(item, b[index]));
  if (isPlainObject(a) && isPlainObject(b)) {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    return [...keys].every((key) => deepEqual(a[key], b[key]));
  }
  return false;
}

export function isPlainObject(value: unknown): value is Bag {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function mapValues(value: Bag, map: (item: unknown) => unknown): Bag {
  return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, map(item)]));
}
