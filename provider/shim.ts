import type * as pulumi from "@pulumi/pulumi";

type Forward = (method: string, args: unknown[]) => Promise<any>;

/**
 * The provider object Pulumi serializes into every resource's state. It holds only the resource kind;
 * the implementation is loaded at run time, by package name, relative to the program's directory, so
 * state stays small, holds no credentials and picks up new provider code without being rewritten.
 * Keep this file free of value imports: anything it referenced would be serialized with it.
 */
export function scalekitProvider(kind: string): pulumi.dynamic.ResourceProvider {
  const forward: Forward = async (method, args) => {
    const anchor = require("path").join(process.cwd(), "package.json");
    return require("module").createRequire(anchor)("pulumi-scalekit/runtime")[method](kind, ...args);
  };
  return {
    configure: (request) => forward("configure", [(key: string) => request.config.get(key)]),
    check: (...args) => forward("check", args),
    diff: (...args) => forward("diff", args),
    create: (...args) => forward("create", args),
    read: (...args) => forward("read", args),
    update: (...args) => forward("update", args),
    delete: (...args) => forward("delete", args),
  };
}
