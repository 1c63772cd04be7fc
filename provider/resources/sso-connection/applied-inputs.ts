import { isUnknown, UNKNOWN } from "../../core/unknowns";
import type { Bag } from "../lifecycle";
import { storedOidc } from "./mapping";
import { protocolOf, type SsoConnectionInputs, type SsoProtocol, type StoredOidcSettings } from "./schema";
import { digestLike, secretDigest } from "./secret-digest";

/** Inputs as applied and stored: the protocol made explicit, the OIDC client secret replaced by its digest. */
export type AppliedInputs = Omit<SsoConnectionInputs, "oidc"> & { oidc?: StoredOidcSettings; protocol: SsoProtocol };

export function applied(inputs: SsoConnectionInputs & Bag, previousDigest?: string): AppliedInputs {
  const { oidc, ...rest } = inputs;
  // A whole `oidc` not known yet (preview) stays the unknown value: a change, not a replacement.
  const stored = oidc && typeof oidc === "object" ? storedOidc(oidc, clientSecretDigest(oidc.clientSecret, previousDigest)) : oidc;
  return { ...rest, protocol: protocolOf(inputs), oidc: stored };
}

/**
 * The digest stored for the client secret. Inputs that came from a refresh carry no secret (Scalekit
 * never returns it), and Pulumi diffs them after every refresh: the recorded digest is kept. A secret
 * not known yet (preview) has an unknown digest.
 */
function clientSecretDigest(secret: string | undefined, previous: string | undefined): string {
  if (secret === undefined) return previous ?? UNKNOWN;
  if (isUnknown(secret)) return UNKNOWN;
  return previous ? digestLike(previous, secret) : secretDigest(secret);
}
