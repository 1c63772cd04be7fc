import type { ShardSet } from "../../tenant/shards/load";
import { requestCapPerShard } from "../../tenant/shards/request-cap";

/** A stack config value as pulumi/actions `config-map` takes it (an Automation API ConfigMap entry). */
export interface ConfigMapValue {
  value: string;
  secret: boolean;
}

/** One job of the matrix: one shard's stack. */
export interface ShardMatrixEntry {
  shard: string;
  stack: string;
  tenantsFile: string;
  requestsPerMinute: number;
  /** The job's concurrency group: one update of a stack at a time. */
  concurrencyGroup: string;
  /** Stack config for pulumi/actions `config-map` (src/config.ts and src/main.ts of pulumi/actions v6: `stack.setAllConfig`). */
  config: Record<string, ConfigMapValue>;
}

export interface GitHubShardMatrix {
  $comment: string;
  /** strategy.max-parallel: the shards that run at the same time. */
  maxParallel: number;
  /** strategy.matrix, as `fromJSON` reads it. */
  matrix: { include: ShardMatrixEntry[] };
}

/** The CI job matrix of a sharded layout: one entry per stack, each capped at its share of the environment's limit. */
export function githubMatrix(set: ShardSet): GitHubShardMatrix {
  const requestsPerMinute = requestCapPerShard(set.declaration.requestsPerMinute, set.shardsAtOnce);
  return {
    $comment: `Written by \`npm run shards\` from ${set.declarationFile}; do not edit.`,
    maxParallel: set.shardsAtOnce,
    matrix: {
      include: set.shards.map((shard) => ({
        shard: shard.name,
        stack: shard.stack,
        tenantsFile: shard.tenantsFile,
        requestsPerMinute,
        concurrencyGroup: `pulumi-stack-${shard.stack}`,
        config: {
          "scalekit-onboarding:tenantsFile": { value: shard.tenantsFile, secret: false },
          "scalekit:requestsPerMinute": { value: String(requestsPerMinute), secret: false },
        },
      })),
    },
  };
}
