/**
 * A client of the real Pulumi dynamic-provider host (`@pulumi/pulumi/cmd/dynamic-provider`), started as
 * a child process and spoken to over gRPC, as the engine does during `pulumi up`.
 */
import { spawn, type ChildProcess } from "node:child_process";
import * as path from "node:path";

const SDK = path.dirname(require.resolve("@pulumi/pulumi/package.json"));
// The SDK's own copies, so the messages are the classes its host expects.
const fromSdk = (name: string) => require(require.resolve(name, { paths: [SDK] }));
const grpc = fromSdk("@grpc/grpc-js");
const structpb = fromSdk("google-protobuf/google/protobuf/struct_pb");
const provpb = require(path.join(SDK, "proto/provider_pb"));
const provrpc = require(path.join(SDK, "proto/provider_grpc_pb"));
const statuspb = require(path.join(SDK, "proto/status_pb"));

export type Bag = Record<string, any>;

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
export interface HostError extends Error {
  code: number;
  details: string;
  metadata?: { get(key: string): unknown[] };
}

export interface ProviderHostOptions {
  /** Where the host runs; provider code is resolved from here (default: the working directory). */
  cwd?: string;
  /** Pulumi project name, for un-namespaced config keys (default "scalekit-onboarding"). */
  project?: string;
  /** Extra environment of the host process (e.g. SCALEKIT_* credentials). */
  env?: NodeJS.ProcessEnv;
}

const toStruct = (value: Bag) => structpb.Struct.fromJavaScript(value);
const fromStruct = (value: any): Bag | undefined => (value ? value.toJavaScript() : undefined);
const DIFF_CHANGES = ["unknown", "none", "some"] as const;

export class ProviderHost {
  private exited: Promise<void>;

  private constructor(
    private readonly child: ChildProcess,
    private readonly client: any,
    /** What the host printed (provider logs, warnings) after announcing its port. */
    readonly output: string[],
  ) {
    this.exited = new Promise((resolve) => (child.exitCode !== null ? resolve() : child.once("exit", () => resolve())));
  }

  static async start(options: ProviderHostOptions = {}): Promise<ProviderHost> {
    const child = spawn(process.execPath, [path.join(SDK, "cmd/dynamic-provider/index.js"), "127.0.0.1:1"], {
      cwd: options.cwd ?? process.cwd(),
      env: { ...process.env, PULUMI_NODEJS_PROJECT: options.project ?? "scalekit-onboarding", ...options.env },
      stdio: ["ignore", "pipe", "pipe"],
    });
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
    // The engine talks to one local host: no retry layer (it costs CPU on every call and retries nothing here).
    const client = new provrpc.ResourceProviderClient(`127.0.0.1:${port}`, grpc.credentials.createInsecure(), { "grpc.enable_retries": 0 });
    return new ProviderHost(child, client, output);
  }

  private call<T>(method: string, request: unknown): Promise<T> {
    return new Promise((resolve, reject) => this.client[method](request, (error: HostError | null, value: T) => (error ? reject(error) : resolve(value))));
  }

  /** Stack configuration, e.g. { "scalekit:environmentUrl": … }; secrets may come as secret envelopes. */
  async configure(config: Bag): Promise<void> {
    await this.call("configure", new provpb.ConfigureRequest().setArgs(toStruct(config)));
  }

  async check(urn: string, olds: Bag, news: Bag): Promise<CheckResult> {
    const response: any = await this.call("check", new provpb.CheckRequest().setUrn(urn).setOlds(toStruct(olds)).setNews(toStruct(news)));
    return {
      inputs: fromStruct(response.getInputs()) ?? {},
      failures: response.getFailuresList().map((failure: any) => ({ property: failure.getProperty(), reason: failure.getReason() })),
    };
  }

  async diff(urn: string, id: string, olds: Bag, news: Bag): Promise<DiffResult> {
    const response: any = await this.call("diff", new provpb.DiffRequest().setUrn(urn).setId(id).setOlds(toStruct(olds)).setNews(toStruct(news)));
    return { changes: DIFF_CHANGES[response.getChanges()], replaces: response.getReplacesList(), deleteBeforeReplace: response.getDeletebeforereplace() };
  }

  async create(urn: string, properties: Bag): Promise<{ id: string; props: Bag }> {
    const response: any = await this.call("create", new provpb.CreateRequest().setUrn(urn).setProperties(toStruct(properties)));
    return { id: response.getId(), props: fromStruct(response.getProperties()) ?? {} };
  }

  async read(urn: string, id: string, props: Bag, inputs?: Bag): Promise<ReadResult> {
    const request = new provpb.ReadRequest().setUrn(urn).setId(id).setProperties(toStruct(props));
    if (inputs) request.setInputs(toStruct(inputs));
    const response: any = await this.call("read", request);
    return { id: response.getId(), props: fromStruct(response.getProperties()) ?? {}, inputs: fromStruct(response.getInputs()) };
  }

  async update(urn: string, id: string, olds: Bag, news: Bag): Promise<Bag> {
    const response: any = await this.call("update", new provpb.UpdateRequest().setUrn(urn).setId(id).setOlds(toStruct(olds)).setNews(toStruct(news)));
    return fromStruct(response.getProperties()) ?? {};
  }

  async delete(urn: string, id: string, props: Bag): Promise<void> {
    await this.call("delete", new provpb.DeleteRequest().setUrn(urn).setId(id).setProperties(toStruct(props)));
  }

  /** The id and properties of a "created but failed to initialize" error, if the error carries them. */
  static initFailure(error: unknown): { id: string; props: Bag } | undefined {
    const raw = (error as HostError).metadata?.get?.("grpc-status-details-bin")?.[0];
    if (!raw) return undefined;
    const detail = statuspb.Status.deserializeBinary(raw).getDetailsList()[0];
    if (!detail) return undefined;
    const failure = provpb.ErrorResourceInitFailed.deserializeBinary(detail.getValue());
    return { id: failure.getId(), props: fromStruct(failure.getProperties()) ?? {} };
  }

  /** Closes the connection and ends the host process. */
  async stop(): Promise<void> {
    this.client.close();
    this.child.kill();
    await this.exited;
  }
}
