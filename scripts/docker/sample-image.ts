import * as path from "node:path";
import { PACKAGE_ROOT } from "../package-root";
import { docker } from "./docker-cli";

/** examples/mcp-server: the build context, with the Dockerfile at its top. */
export const SAMPLE_SERVER_DIR = path.join(PACKAGE_ROOT, "examples", "mcp-server");

export interface SampleImageOptions {
  /** NODE_IMAGE build argument; the Dockerfile's default (the official node:20-slim) when absent. */
  baseImage?: string;
  /** EXTRA_CA_CERTS build argument: PEM certificates to trust on top of Node's own. */
  extraCaCertificates?: string;
  /** Build only up to this stage of the Dockerfile. */
  target?: "build" | "runtime";
}

/**
 * Builds examples/mcp-server's image from its Dockerfile with Docker's legacy builder: the builder
 * every engine has (Debian's docker.io ships without buildx), which the Dockerfile is written for.
 */
export async function buildSampleImage(tag: string, options: SampleImageOptions = {}): Promise<void> {
  const args = ["build", "--tag", tag, "--build-arg", "EXTRA_CA_CERTS"];
  if (options.baseImage) args.push("--build-arg", `NODE_IMAGE=${options.baseImage}`);
  if (options.target) args.push("--target", options.target);
  // `--build-arg NAME` without a value takes it from the CLI's environment: the certificates stay off the command line.
  await docker([...args, SAMPLE_SERVER_DIR], { env: { DOCKER_BUILDKIT: "0", EXTRA_CA_CERTS: options.extraCaCertificates ?? "" } });
}
