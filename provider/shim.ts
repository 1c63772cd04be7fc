import type * as pulumi from "@pulumi/pulumi";

type Run = (method: string, args: unknown[]) => Promise<any>;

/**
 * The provider object Pulumi serializes into every resource's state. It holds only the resource kind;
 * the implementation is loaded at run time, by package name, relative to the program's directory, so
 * state stays small, holds no credentials and picks up new provider code without being rewritten.
 * Keep this file free of value imports: anything it referenced would be serialized with it.
 */
export function scalekitProvider(kind: string): pulumi.dynamic.ResourceProvider {
  // Short names on purpose: this text is stored twice in the state of every resource. `runtime` is
  // undefined when serialized and set on first use in the host process.
  let runtime: any;
  const run: Run = async (method, args) => {
    runtime ??= require("module").createRequire(require("path").join(process.cwd(), "package.json"))("pulumi-scalekit/runtime");
    return runtime[method](kind, ...args);
  };
  return {
    configure: (request) => run("configure", [(key: string) => request.config.get(key)]),
    check: (...args) => run("check", args),
    diff: (...args) => run("diff", args),
    create: (...args) => run("create", args),
    read: (...args) => run("read", args),
    update: (...args) => run("update", args),
    delete: (...args) => run("delete", args),
  };
}
