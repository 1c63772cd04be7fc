import { existsSync } from "node:fs";
import * as path from "node:path";
import * as pulumi from "@pulumi/pulumi";
import { SHARDS_FILE } from "./declaration";
import { loadShards } from "./load";

export interface TenantsFileChoice {
  /** The tenants file, relative to the project directory. */
  tenantsFile: string;
  /** The shard the stack runs, when the project is sharded. */
  shard?: string;
}

/**
 * Which tenants file a stack onboards. Without shards.yaml at the project root: the configured file,
 * else the default. With it, the stack's name picks its shard, so a stack cannot run another shard's
 * file (that would delete the other shard's tenants): the whole layout is validated first, a
 * configured `tenantsFile` must name the same file, and a stack outside the shards must configure a
 * file that no shard owns.
 */
export function chooseTenantsFile(options: { projectDir: string; stackName: string; configured?: string; defaultFile: string }): TenantsFileChoice {
  const { projectDir, stackName, configured, defaultFile } = options;
  const declarationPath = path.join(projectDir, SHARDS_FILE);
  if (!existsSync(declarationPath)) return { tenantsFile: configured ?? defaultFile };

  const set = loadShards(declarationPath, SHARDS_FILE);
  const same = (file: string) => path.posix.normalize(file.replace(/\\/g, "/"));
  const shard = set.shards.find((candidate) => candidate.stackName === stackName);
  if (shard) {
    if (configured !== undefined && same(configured) !== shard.tenantsFile) {
      throw new pulumi.RunError(
        `stack ${stackName} is shard ${shard.name} of ${SHARDS_FILE}, whose tenants file is ${shard.tenantsFile}, but its config scalekit-onboarding:tenantsFile is ${configured}; ` +
          `remove the setting (the shard decides) or set it to ${shard.tenantsFile}`,
      );
    }
    return { tenantsFile: shard.tenantsFile, shard: shard.name };
  }
  const names = set.shards.map((candidate) => candidate.stackName).join(", ");
  if (configured === undefined) {
    throw new pulumi.RunError(
      `stack ${stackName} is not a shard of ${SHARDS_FILE} (its stacks are ${names}); a stack outside the shards must set scalekit-onboarding:tenantsFile to a file of its own`,
    );
  }
  const owner = set.shards.find((candidate) => candidate.tenantsFile === same(configured));
  if (owner) {
    throw new pulumi.RunError(`stack ${stackName} is configured with ${owner.tenantsFile}, the tenants file of shard ${owner.name} (stack ${owner.stackName}); two stacks must not manage the same tenants`);
  }
  return { tenantsFile: configured };
}
