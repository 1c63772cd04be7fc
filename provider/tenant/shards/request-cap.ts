/**
 * The cap rule: Scalekit limits requests per environment, and each `pulumi` process caps only itself
 * (`scalekit:requestsPerMinute`), so a shard's cap is the environment's limit divided by the number of
 * shards that can run at the same time, rounded down.
 */
export function requestCapPerShard(environmentLimit: number, shardsAtOnce: number): number {
  return Math.floor(environmentLimit / Math.max(shardsAtOnce, 1));
}
