import { execFileSync } from "node:child_process";
import { chmodSync, copyFileSync, cpSync, mkdirSync, mkdtempSync, realpathSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { docker, imageExists } from "./docker-cli";

/** The name the image of this machine's Node gets; one per Node version, so it is made once and reused. */
export const localNodeImageName = (nodeVersion = process.versions.node) => `scalekit-local-node:${nodeVersion}`;

/**
 * A base image for examples/mcp-server's Dockerfile (`--build-arg NODE_IMAGE=…`) where no image
 * registry can be reached: the Node binary running this script, its npm, a POSIX shell (dash) and
 * `env` (npm runs scripts with `sh -c`; package bins start with `#!/usr/bin/env node`), the shared
 * libraries they load, and a `node` user (uid 1000) as in the official image. Made with
 * `docker import` from a root filesystem assembled here: no network, about a second once files are
 * cached, and the same Node the rest of the project is tested with. Returns the image name.
 */
export async function ensureLocalNodeImage(): Promise<string> {
  const name = localNodeImageName();
  if (await imageExists(name)) return name;
  const work = mkdtempSync(path.join(tmpdir(), "scalekit-node-rootfs-"));
  try {
    const root = path.join(work, "rootfs");
    assembleRootFilesystem(root);
    const archive = path.join(work, "rootfs.tar");
    execFileSync("tar", ["-C", root, "--owner=0", "--group=0", "--numeric-owner", "-cf", archive, "."]);
    await docker([
      "import",
      "--change", "ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
      "--change", 'CMD ["node"]',
      "--change", `LABEL org.opencontainers.image.description="Node ${process.version} and npm copied from the machine that made this image"`,
      archive,
      name,
    ]);
    return name;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

function assembleRootFilesystem(root: string): void {
  const npmDir = path.join(execFileSync("npm", ["root", "-g"], { encoding: "utf8" }).trim(), "npm");
  const shell = realpathSync("/bin/sh");
  const env = realpathSync("/usr/bin/env");

  copyInto(root, process.execPath, "/usr/local/bin/node");
  cpSync(npmDir, path.join(root, "usr/local/lib/node_modules/npm"), { recursive: true });
  symlinkSync("../lib/node_modules/npm/bin/npm-cli.js", path.join(root, "usr/local/bin/npm"));
  symlinkSync("../lib/node_modules/npm/bin/npx-cli.js", path.join(root, "usr/local/bin/npx"));
  copyInto(root, shell, "/bin/sh");
  copyInto(root, env, "/usr/bin/env");
  for (const library of sharedLibraries([process.execPath, shell, env])) copyInto(root, library, library);

  writeInto(root, "/etc/passwd", "root:x:0:0:root:/root:/bin/sh\nnode:x:1000:1000::/home/node:/bin/sh\n");
  writeInto(root, "/etc/group", "root:x:0:\nnode:x:1000:\n");
  writeInto(root, "/etc/nsswitch.conf", "hosts: files dns\n");
  for (const dir of ["root", "tmp", "home/node", "usr/local/share"]) mkdirSync(path.join(root, dir), { recursive: true });
  chmodSync(path.join(root, "tmp"), 0o1777);
  // Everything is root's in the archive (tar --owner=0); node's home cannot be node's then, so it is
  // writable by all, like /tmp. Nothing in the sample's image writes there.
  chmodSync(path.join(root, "home/node"), 0o1777);
}

/** Every shared library (and the dynamic loader) the executables load, as `ldd` resolves them here. */
function sharedLibraries(executables: string[]): string[] {
  const libraries = new Set<string>();
  for (const executable of executables) {
    for (const line of execFileSync("ldd", [executable], { encoding: "utf8" }).split("\n")) {
      // "libc.so.6 => /lib/x86_64-linux-gnu/libc.so.6 (0x…)" or "/lib64/ld-linux-x86-64.so.2 (0x…)"
      const match = /(?:=>\s*)?(\/\S+)\s+\(0x[0-9a-f]+\)/.exec(line);
      if (match) libraries.add(match[1]);
    }
  }
  return [...libraries];
}

/** Copies a file's content (following links) to `target` inside the root filesystem, keeping its mode. */
function copyInto(root: string, source: string, target: string): void {
  const destination = path.join(root, target);
  mkdirSync(path.dirname(destination), { recursive: true });
  copyFileSync(realpathSync(source), destination);
}

function writeInto(root: string, target: string, content: string): void {
  const destination = path.join(root, target);
  mkdirSync(path.dirname(destination), { recursive: true });
  writeFileSync(destination, content);
}
