import { existsSync } from "node:fs";
import * as path from "node:path";

const PROJECT_MARKERS = ["Pulumi.yaml", "Pulumi.yml", "shards.yaml"];

/**
 * The project a command works on: the nearest folder, from `cwd` upwards, holding Pulumi.yaml (as the
 * Pulumi CLI looks for it: pkg/workspace/paths.go of pulumi/pulumi, DetectProjectPathFrom) or a
 * shards.yaml; `cwd` itself when there is none.
 */
export function findProjectDir(cwd: string): string {
  for (let directory = path.resolve(cwd); ; directory = path.dirname(directory)) {
    if (PROJECT_MARKERS.some((marker) => existsSync(path.join(directory, marker)))) return directory;
    if (path.dirname(directory) === directory) return path.resolve(cwd);
  }
}
