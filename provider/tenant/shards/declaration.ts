import * as path from "node:path";
import { z } from "zod";

/** The shard declaration's file name, at the project root next to Pulumi.yaml. */
export const SHARDS_FILE = "shards.yaml";

/** A shard's name is its tenants file's name without `.yaml`: lower-case, so it fits stack names, CI groups and Kubernetes names. */
export const SHARD_NAME = /^[a-z0-9](?:[a-z0-9-]{0,40}[a-z0-9])?$/;
export const SHARD_NAME_RULE = "1–42 lower-case letters, digits and hyphens, starting and ending with a letter or digit";

const projectPath = z
  .string()
  .trim()
  .min(1, "must not be empty")
  .refine((value) => !path.isAbsolute(value) && !value.split(/[\\/]/).includes(".."), "must be a relative path inside the project (no leading / and no ..)")
  .transform((value) => path.posix.normalize(value.replace(/\\/g, "/")));

const positiveInteger = z.number({ error: "must be a whole number" }).int("must be a whole number").min(1, "must be at least 1");

/** A DNS-1123 label (namespaces) or subdomain (other object names), as Kubernetes requires. */
const dnsLabel = z.string().regex(/^[a-z0-9](?:[-a-z0-9]{0,61}[a-z0-9])?$/, "must be a DNS label: lower-case letters, digits and hyphens, at most 63");
const dnsSubdomain = z
  .string()
  .max(253, "must be at most 253 characters")
  .regex(/^[a-z0-9](?:[-a-z0-9]*[a-z0-9])?(?:\.[a-z0-9](?:[-a-z0-9]*[a-z0-9])?)*$/, "must be a DNS subdomain: lower-case letters, digits, hyphens and dots");

/** Stack names as Pulumi accepts them: [organization/][project/]stack, each part letters, digits, -, _ and . */
export const STACK_NAME = /^(?:[A-Za-z0-9_.-]+\/){0,2}[A-Za-z0-9_.-]+$/;

const GitHubOutputs = z
  .object({
    /** The job matrix file the workflow reads (one entry per shard). */
    matrix: projectPath,
  })
  .strict();

const KubernetesOutputs = z
  .object({
    /** The file of Pulumi Kubernetes Operator `Stack` objects, one per shard. */
    manifests: projectPath,
    /** The Git repository the operator clones (spec.projectRepo). */
    repository: z.string().regex(/^(?:https:\/\/|ssh:\/\/|git@)\S+$/, "must be a Git URL (https://…, ssh://… or git@host:owner/repo)"),
    branch: z.string().trim().min(1, "must name a branch, e.g. main"),
    /** Where Pulumi.yaml is, relative to the repository root (spec.repoDir). */
    directory: projectPath.default("."),
    namespace: dnsLabel,
    /** The ServiceAccount of the stacks' workspace pods (operator v2 needs one bound to system:auth-delegator). */
    serviceAccountName: dnsSubdomain,
    /** The Secret holding the Scalekit credentials, the Pulumi token or passphrase, and every secret the tenants files reference. */
    secret: dnsSubdomain,
    /** Refresh each stack before its update, so edits made in the Scalekit dashboard show as drift. */
    refresh: z.boolean().default(true),
    /** How often the operator polls the branch (and re-runs, see the README); the operator's minimum is 60. */
    resyncFrequencySeconds: positiveInteger.min(60, "must be at least 60 (the operator's minimum)").optional(),
    /** A self-managed state backend (s3://…, gs://…, azblob://…); Pulumi Cloud when absent. */
    backend: z.string().trim().min(1).optional(),
  })
  .strict();

/**
 * shards.yaml: the tenants are split over several stacks, one per file of `tenants/` (or the folder
 * named here). Each shard's runner configuration derives from it (`npm run shards`).
 */
export const ShardsDeclaration = z
  .object({
    /** The folder of tenants files, one per shard: <tenants>/<shard>.yaml. */
    tenants: projectPath.default("tenants"),
    /** Each shard's Pulumi stack; `{shard}` is replaced by the shard's name. */
    stack: z
      .string()
      .trim()
      .refine((template) => template.includes("{shard}"), "must contain {shard}, which becomes each shard's name (e.g. acme-saas/scalekit-onboarding/prod-{shard})")
      .refine((template) => STACK_NAME.test(template.replaceAll("{shard}", "a")), "must be [organization/][project/]stack made of letters, digits, -, _ and ."),
    /** The Scalekit environment's request limit per minute, shared by every shard that runs at the same time. */
    requestsPerMinute: positiveInteger,
    /** How many shards may run at the same time; each gets requestsPerMinute ÷ this as its cap. */
    shardsAtOnce: positiveInteger,
    github: GitHubOutputs.optional(),
    kubernetes: KubernetesOutputs.optional(),
  })
  .strict()
  .refine((declaration) => declaration.github || declaration.kubernetes, {
    message: "needs github and/or kubernetes: the runner configuration to write",
    path: [],
  });

export type ShardsDeclaration = z.output<typeof ShardsDeclaration>;
export type KubernetesOutputs = z.output<typeof KubernetesOutputs>;
