/**
 * A client of the real Pulumi dynamic-provider host (`@pulumi/pulumi/cmd/dynamic-provider`), started as
 * a child process and spoken to over gRPC, as the engine does. The one gRPC driver of the host used by
 * the stand-in engine, the tests that call the host directly, the benchmark and the SSO demo.
 */
import { spawn, type ChildProcess } from "node:child_process";
import * as path from "node:path";
import { endWithThisProcess } from "./child-processes";
import { UnaryClient, type GrpcCallError } from "./grpc-unary";
import { fromStruct, providerpb, providerrpc, sdkOf, statuspb, toStruct } from "./sdk";
import type { Bag } from "./values";

export type { Bag };

export interface CheckResult {
  inputs: Bag;
  failures: Array<{ property: string; reason: string }>;
}

export interface DiffResult {
  changes: "unknown" | "none" | "some";
  replaces: string[];
  deleteBeforeReplace: boolean;
}

export interface ReadResult {
  /** Empty when the object is gone. */
  id: string;
  props: Bag;
  inputs?: Bag;
}

/** An error of a gRPC call; `details` is the provider's message. */
export type HostError = GrpcCallError;

export interface ProviderHostOptions {
  /**
   * Where the host runs: the folder of the program's `main`, as the CLI starts plugins there. Provider
   * code is resolved from it, and so is the @pulumi/pulumi whose host runs (default: the working directory).
   */
  cwd?: string;
  /** The Pulumi project, for un-namespaced config keys (PULUMI_NODEJS_PROJECT; default "scalekit-onboarding"). */
  project?: string;
  /** Extra environment of the host process (e.g. SCALEKIT_* credentials). */
  env?: NodeJS.ProcessEnv;
}

const DIFF_CHANGES = ["unknown", "none", "some"] as const;

export class ProviderHost {
  private readonly exited: Promise<void>;

  private constructor(
    private readonly child: ChildProcess,
    private readonly client: UnaryClient,
    /** What the host printed (provider logs, warnings) after announcing its port. */
    readonly output: string[],
  ) {
    this.exited = new Promise((resolve) => (child.exitCode !== null ? resolve() : child.once("exit", () => resolve())));
  }

  /**
   * Starts the host the way the CLI does (pkg/resource/plugin/provider_plugin.go, NewProvider): in the
   * program's folder, with the engine address as its one argument and PULUMI_NODEJS_PROJECT set.
   */
  static async start(options: ProviderHostOptions = {}): Promise<ProviderHost> {
    const cwd = options.cwd ?? process.cwd();
    const project = options.project ?? "scalekit-onboarding";
    const script = path.join(sdkOf(cwd), "cmd", "dynamic-provider", "index.js");
    // The host never dials the engine address (it logs to stdout); any address will do.
    const child = endWithThisProcess(
      spawn(process.execPath, [script, "127.0.0.1:1"], {
        cwd,
        env: { ...process.env, PULUMI_NODEJS_PROJECT: project, PULUMI_PROJECT: project, ...options.env },
        stdio: ["ignore", "pipe", "pipe"],
      }),
    );
    const output: string[] = [];
    const port = await new Promise<number>((resolve, reject) => {
      let buffer = "";
      let announced = false;
      child.stdout!.on("data", (chunk) => {
        if (announced) return void output.push(String(chunk));
        buffer += chunk;
        const newline = buffer.indexOf("\n");
        if (newline < 0) return;
        announced = true;
        resolve(Number(buffer.slice(0, newline).trim()));
        if (buffer.slice(newline + 1)) output.push(buffer.slice(newline + 1));
      });
      child.stderr!.on("data", (chunk) => output.push(String(chunk)));
      child.once("exit", (code) => reject(new Error(`dynamic provider host exited with ${code}: ${output.join("")}`)));
      child.once("error", reject);
    });
    return new ProviderHost(child, UnaryClient.connect(`127.0.0.1:${port}`), output);
  }

  /** Calls a method of the ResourceProvider service, its messages (de)serialized by the SDK's generated code. */
  private async call<T>(method: string, request: unknown): Promise<T> {
    const definition = providerrpc.ResourceProviderService[method];
    return definition.responseDeserialize(await this.client.call(definition.path, definition.requestSerialize(request)));
  }

  /** Stack configuration, e.g. { "scalekit:environmentUrl": … }; secrets may come as secret envelopes. */
  async configure(config: Bag): Promise<{ acceptSecrets: boolean; supportsPreview: boolean }> {
    const response: any = await this.call("configure", new providerpb.ConfigureRequest().setArgs(toStruct(config)));
    return { acceptSecrets: response.getAcceptsecrets(), supportsPreview: response.getSupportspreview() };
  }

  async check(urn: string, olds: Bag, news: Bag): Promise<CheckResult> {
    const response: any = await this.call("check", new providerpb.CheckRequest().setUrn(urn).setOlds(toStruct(olds)).setNews(toStruct(news)));
    return {
      inputs: fromStruct(response.getInputs()) ?? {},
      failures: response.getFailuresList().map((failure: any) => ({ property: failure.getProperty(), reason: failure.getReason() })),
    };
  }

  /** `olds` are the old outputs; `oldInputs` travel too, as the engine sends them (the Node host ignores them). */
  async diff(urn: string, id: string, olds: Bag, news: Bag, oldInputs?: Bag): Promise<DiffResult> {
    const request = new providerpb.DiffRequest().setUrn(urn).setId(id).setOlds(toStruct(olds)).setNews(toStruct(news));
    if (oldInputs) request.setOldInputs(toStruct(oldInputs));
    const response: any = await this.call("diff", request);
    return { changes: DIFF_CHANGES[response.getChanges()], replaces: response.getReplacesList(), deleteBeforeReplace: response.getDeletebeforereplace() };
  }

  async create(urn: string, properties: Bag): Promise<{ id: string; props: Bag }> {
    const response: any = await this.call("create", new providerpb.CreateRequest().setUrn(urn).setProperties(toStruct(properties)));
    return { id: response.getId(), props: fromStruct(response.getProperties()) ?? {} };
  }

  async read(urn: string, id: string, props: Bag, inputs?: Bag): Promise<ReadResult> {
    const request = new providerpb.ReadRequest().setUrn(urn).setId(id).setProperties(toStruct(props));
    if (inputs) request.setInputs(toStruct(inputs));
    const response: any = await this.call("read", request);
    return { id: response.getId(), props: fromStruct(response.getProperties()) ?? {}, inputs: fromStruct(response.getInputs()) };
  }

  async update(urn: string, id: string, olds: Bag, news: Bag, oldInputs?: Bag): Promise<Bag> {
    const request = new providerpb.UpdateRequest().setUrn(urn).setId(id).setOlds(toStruct(olds)).setNews(toStruct(news));
    if (oldInputs) request.setOldInputs(toStruct(oldInputs));
    const response: any = await this.call("update", request);
    return fromStruct(response.getProperties()) ?? {};
  }

  async delete(urn: string, id: string, props: Bag, oldInputs?: Bag): Promise<void> {
    const request = new providerpb.DeleteRequest().setUrn(urn).setId(id).setProperties(toStruct(props));
    if (oldInputs) request.setOldInputs(toStruct(oldInputs));
    await this.call("delete", request);
  }

  /** The id, properties and reasons of a "created but failed to initialize" error, if the error carries them. */
  static initFailure(error: unknown): { id: string; props: Bag; reasons: string[] } | undefined {
    const raw = (error as HostError).metadata?.get?.("grpc-status-details-bin")?.[0] as Uint8Array | undefined;
    if (!raw) return undefined;
    const detail = statuspb.Status.deserializeBinary(raw).getDetailsList()[0];
    if (!detail) return undefined;
    const failure = providerpb.ErrorResourceInitFailed.deserializeBinary(detail.getValue());
    return { id: failure.getId(), props: fromStruct(failure.getProperties()) ?? {}, reasons: failure.getReasonsList() };
  }

  /** The provider's message of a failed call. */
  static messageOf(error: unknown): string {
    return (error as HostError).details || (error as Error).message || String(error);
  }

  /** Closes the connection and ends the host process. */
  async stop(): Promise<void> {
    this.client.close();
    this.child.kill();
    await this.exited;
  }
}
