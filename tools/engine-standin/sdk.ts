/**
 * The @pulumi/pulumi pieces the stand-in speaks with: the protobuf messages and service definitions of
 * the engine's gRPC services, taken from the SDK this repository builds with (the protocol is the same
 * for every 3.x program and host it talks to); the transport is grpc-unary.ts.
 */
import { existsSync } from "node:fs";
import * as path from "node:path";

export const STANDIN_SDK = path.dirname(require.resolve("@pulumi/pulumi/package.json"));

const fromSdk = (name: string) => require(require.resolve(name, { paths: [STANDIN_SDK] }));
const sdkFile = (relative: string) => require(path.join(STANDIN_SDK, relative));

export const structpb = fromSdk("google-protobuf/google/protobuf/struct_pb");
export const emptypb = fromSdk("google-protobuf/google/protobuf/empty_pb");
export const providerpb = sdkFile("proto/provider_pb");
export const providerrpc = sdkFile("proto/provider_grpc_pb");
export const resourcepb = sdkFile("proto/resource_pb");
export const resourcerpc = sdkFile("proto/resource_grpc_pb");
export const enginepb = sdkFile("proto/engine_pb");
export const enginerpc = sdkFile("proto/engine_grpc_pb");
export const statuspb = sdkFile("proto/status_pb");

/**
 * The @pulumi/pulumi a program in `directory` loads, found the way Node looks for a package (parent
 * `node_modules` folders), without resolving symbolic links: the Node language host runs its
 * `cmd/run`, and the CLI's `pulumi-resource-pulumi-nodejs` script starts its `cmd/dynamic-provider`
 * from that folder (sdk/nodejs/cmd/pulumi-language-nodejs/main.go, locateModule).
 */
export function sdkOf(directory: string): string {
  for (let folder = path.resolve(directory); ; folder = path.dirname(folder)) {
    const candidate = path.join(folder, "node_modules", "@pulumi", "pulumi");
    if (existsSync(path.join(candidate, "package.json"))) return candidate;
    if (path.dirname(folder) === folder) throw new Error(`@pulumi/pulumi cannot be found from ${directory}; run npm install there`);
  }
}

