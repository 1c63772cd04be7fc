import type * as pulumi from "@pulumi/pulumi";

/**
 * The provider object Pulumi serializes into every resource's state. It holds only the resource kind;
 * the implementation is loaded at run time, by package name, relative to the program's directory, so
 * state stays small, holds no credentials and picks up new provider code without being rewritten.
 * Keep this file free of value imports: anything it referenced would be serialized with it.
 */
export class ScalekitProvider implements pulumi.dynamic.ResourceProvider {
  constructor(readonly kind: string) {}

  private runtime() {
    const anchor = require("path").join(process.cwd(), "package.json");
    return require("module").createRequire(anchor)("pulumi-scalekit/runtime");
  }

  async configure(request: pulumi.dynamic.ConfigureRequest) {
    this.runtime().configure((key: string) => request.config.get(key));
  }

  check(olds: any, news: any) {
    return this.runtime().check(this.kind, olds, news);
  }

  async diff(id: string, olds: any, news: any) {
    return this.runtime().diff(this.kind, id, olds, news);
  }

  create(inputs: any) {
    return this.runtime().create(this.kind, inputs);
  }

  read(id: string, props: any) {
    return this.runtime().read(this.kind, id, props);
  }

  update(id: string, olds: any, news: any) {
    return this.runtime().update(this.kind, id, olds, news);
  }

  delete(id: string, props: any) {
    return this.runtime().delete(this.kind, id, props);
  }
}
