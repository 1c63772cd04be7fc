import type * as pulumi from "@pulumi/pulumi";

type Run = (method: string, args: unknown[]) => Promise<any>;

/**
 * The provider object Pulumi serializes into every resource's state. It holds only the resource kind;
 * the implementation is loaded at run time, by package name, relative to the program's directory, so
 * state stays small, holds no credentials and picks up new provider code without being rewritten.
 * Keep this file free of value imports: anything it referenced would be serialized with it.
 *
 * Its compiled text must parse with TypeScript 3.8.3: Pulumi's closure serializer falls back to that
 * bundled version when the program cannot resolve `typescript` (every plain JavaScript project), so
 * no `??=`, `||=` or other syntax newer than ES2020 here.
 */
export function scalekitProvider(kind: string): pulumi.dynamic.ResourceProvider {
  // The serialized text re-creates each captured variable on every call, but emits a captured object
  // once, at module level: the loaded runtime is kept there, for the life of the host process.
  // Short names on purpose: this text is stored twice in the state of every resource.
  const loaded: { runtime?: any } = {};
  const run: Run = async (method, args) => {
    const runtime = loaded.runtime || (loaded.runtime = require("module").createRequire(require("path").join(process.cwd(), "package.json"))("pulumi-scalekit/runtime"));
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
