import { stringify } from "yaml";
import type { ShardSet } from "../../tenant/shards/load";
import { githubMatrix } from "./github-matrix";
import { operatorStacks } from "./operator-stacks";

/** A file `npm run shards` writes, relative to the project (the declaration's folder). */
export interface ShardOutput {
  file: string;
  text: string;
}

/** The runner configuration a shard declaration asks for, rendered. */
export function shardOutputs(set: ShardSet): ShardOutput[] {
  const { github, kubernetes } = set.declaration;
  const outputs: ShardOutput[] = [];
  if (github) outputs.push({ file: github.matrix, text: `${JSON.stringify(githubMatrix(set), null, 2)}\n` });
  if (kubernetes) {
    const header =
      `# Written by \`npm run shards\` from ${set.declarationFile}; do not edit. One Pulumi Kubernetes Operator\n` +
      `# Stack per shard. Needs, in namespace ${kubernetes.namespace}: the ServiceAccount ${kubernetes.serviceAccountName}\n` +
      `# (bound to system:auth-delegator) and the Secret ${kubernetes.secret}; see examples/gitops/README.md.\n`;
    outputs.push({ file: kubernetes.manifests, text: header + operatorStacks(set).map((stack) => `---\n${stringify(stack)}`).join("") });
  }
  return outputs;
}
