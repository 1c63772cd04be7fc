import { CREDENTIAL_SETTINGS } from "../../core/settings";
import type { KubernetesOutputs } from "../../tenant/shards/declaration";
import type { Shard, ShardSet } from "../../tenant/shards/load";
import { requestCapPerShard } from "../../tenant/shards/request-cap";

/** A value the operator loads from a Kubernetes Secret of the Stack's namespace (a ResourceRef of type Secret). */
interface SecretRef {
  type: "Secret";
  secret: { name: string; key: string };
}

/** A Pulumi Kubernetes Operator `pulumi.com/v1` Stack object. */
export interface OperatorStack {
  apiVersion: "pulumi.com/v1";
  kind: "Stack";
  metadata: { name: string; namespace: string; labels: Record<string, string> };
  spec: {
    stack: string;
    projectRepo: string;
    branch: string;
    repoDir?: string;
    shallow: boolean;
    serviceAccountName: string;
    refresh: boolean;
    destroyOnFinalize: boolean;
    resyncFrequencySeconds?: number;
    backend?: string;
    config: Record<string, string>;
    envRefs: Record<string, SecretRef>;
    secretsRef?: Record<string, SecretRef>;
  };
}

/** Kubernetes Secret keys allow letters, digits, -, _ and . only, so a namespaced config key's ":" becomes ".". */
export const secretKeyOfConfig = (configKey: string) => configKey.replaceAll(":", ".");

/**
 * One Stack per shard. The operator reconciles every Stack it has at the same time (up to its
 * MAX_CONCURRENT_RECONCILES, 25 by default: operator/cmd/main.go of pulumi/pulumi-kubernetes-operator
 * v2.9.0), so each shard's cap is the environment's limit divided by the number of shards, not by
 * shardsAtOnce (which only a CI matrix enforces).
 */
export function operatorStacks(set: ShardSet): OperatorStack[] {
  const kubernetes = set.declaration.kubernetes;
  if (!kubernetes) return [];
  const requestsPerMinute = requestCapPerShard(set.declaration.requestsPerMinute, set.shards.length);
  return set.shards.map((shard) => operatorStack(shard, kubernetes, requestsPerMinute));
}

function operatorStack(shard: Shard, kubernetes: KubernetesOutputs, requestsPerMinute: number): OperatorStack {
  const fromSecret = (key: string): SecretRef => ({ type: "Secret", secret: { name: kubernetes.secret, key } });
  const selfManaged = kubernetes.backend !== undefined && !/^https?:\/\//.test(kubernetes.backend);
  const envRefs: Record<string, SecretRef> = {};
  for (const { env: variable } of CREDENTIAL_SETTINGS) envRefs[variable] = fromSecret(variable);
  // Pulumi Cloud takes an access token; a bucket backend encrypts the stack's secrets with a passphrase.
  const backendCredential = selfManaged ? "PULUMI_CONFIG_PASSPHRASE" : "PULUMI_ACCESS_TOKEN";
  envRefs[backendCredential] = fromSecret(backendCredential);
  const secretsRef: Record<string, SecretRef> = {};
  for (const reference of shard.secretReferences) {
    if ("env" in reference) envRefs[reference.env] = fromSecret(reference.env);
    else secretsRef[reference.config] = fromSecret(secretKeyOfConfig(reference.config));
  }
  return {
    apiVersion: "pulumi.com/v1",
    kind: "Stack",
    metadata: {
      name: shard.stackName,
      namespace: kubernetes.namespace,
      labels: { "app.kubernetes.io/part-of": "scalekit-onboarding", "pulumi-scalekit/shard": shard.name },
    },
    spec: {
      stack: shard.stack,
      projectRepo: kubernetes.repository,
      branch: kubernetes.branch,
      ...(kubernetes.directory === "." ? {} : { repoDir: kubernetes.directory }),
      shallow: true,
      serviceAccountName: kubernetes.serviceAccountName,
      refresh: kubernetes.refresh,
      // Deleting the Stack object must never delete customers' organizations.
      destroyOnFinalize: false,
      ...(kubernetes.resyncFrequencySeconds === undefined ? {} : { resyncFrequencySeconds: kubernetes.resyncFrequencySeconds }),
      ...(kubernetes.backend === undefined ? {} : { backend: kubernetes.backend }),
      config: {
        "scalekit-onboarding:tenantsFile": shard.tenantsFile,
        "scalekit:requestsPerMinute": String(requestsPerMinute),
      },
      envRefs,
      ...(Object.keys(secretsRef).length ? { secretsRef } : {}),
    },
  };
}
