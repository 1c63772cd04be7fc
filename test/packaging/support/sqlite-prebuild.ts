import { execFileSync } from "node:child_process";
import * as path from "node:path";
import { PACKAGE_ROOT } from "../../../scripts/package-root";
import { lockedVersion } from "../../../scripts/packaging/locked-versions";

/**
 * better-sqlite3's binary as the prebuilt download its install script (prebuild-install) looks for,
 * written to `folder` from the one this repository's `npm ci` built, with the environment that points
 * the install script at it (prebuild-install's `local-prebuilds`, util.js `localPrebuild`). With
 * internet, a user's install downloads the same file from better-sqlite3's GitHub releases; here it
 * needs neither network nor compiler. The binary fits only its own version: install that one.
 */
export function localSqlitePrebuild(folder: string): { version: string; env: NodeJS.ProcessEnv } {
  const version = lockedVersion("better-sqlite3");
  const name = `better-sqlite3-v${version}-node-v${process.versions.modules}-${process.platform}-${process.arch}.tar.gz`;
  const built = path.join(PACKAGE_ROOT, "node_modules", "better-sqlite3");
  execFileSync("tar", ["-czf", path.join(folder, name), "-C", built, "build/Release/better_sqlite3.node"]);
  return { version, env: { npm_config_better_sqlite3_local_prebuilds: folder } };
}
