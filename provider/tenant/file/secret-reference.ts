import { z } from "zod";

const INLINE =
  "secrets must not be written inline; reference one instead: { config: <key> } (set with `pulumi config set --secret <key> …`) or { env: <VARIABLE> }";

/** A secret kept out of the file: a Pulumi secret config key, or an environment variable. */
export const SecretReference = z.union(
  [
    z.object({ config: z.string().trim().min(1, "must name a stack config key, e.g. acmeOidcClientSecret") }).strict(),
    z.object({ env: z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, "must be an environment variable name, e.g. ACME_OIDC_CLIENT_SECRET") }).strict(),
  ],
  { error: (issue) => (typeof issue.input === "string" ? INLINE : "must be exactly one of { config: <key> } or { env: <VARIABLE> }") },
);

export type SecretReference = z.output<typeof SecretReference>;
