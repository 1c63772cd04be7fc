import type { ConsumerManifest } from "./consumer-install";
import { lockedVersion } from "./locked-versions";

/*
 * The package.json of the projects `pulumi new javascript` and `pulumi new typescript` make
 * (pulumi/templates, javascript/package.json and typescript/package.json at 65db26b), with one change
 * a Node 20 user has to make too: @pulumi/pulumi pinned to the version this repository locks, the last
 * one that runs on Node 20 (3.249 and later want Node 22).
 */

export function javascriptProjectManifest(name: string): ConsumerManifest {
  return { name, main: "index.js", dependencies: { "@pulumi/pulumi": lockedVersion("@pulumi/pulumi") } };
}

export function typescriptProjectManifest(name: string): ConsumerManifest {
  return {
    name,
    main: "index.ts",
    devDependencies: { "@types/node": "^18", typescript: "^5.0.0" },
    dependencies: { "@pulumi/pulumi": lockedVersion("@pulumi/pulumi") },
  };
}
