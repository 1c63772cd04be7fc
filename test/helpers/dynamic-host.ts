/**
 * Drives the real Pulumi dynamic-provider host (`@pulumi/pulumi/cmd/dynamic-provider`) over gRPC, the
 * way the engine does: our stand-in for `pulumi up` on a machine without the Pulumi CLI.
 */
import { spawn, type ChildProcess } from "node:child_process";
import * as path from "node:path";

const SDK = path.dirname(require.resolve("@pulumi/pulumi/package.json"));
const fromSdk = (name: string) => require(require.resolve(name, { paths: [SDK] }));
const grpc = fromSdk("@grpc/grpc-js");
const structpb = fromSdk("google-protobuf/google/protobuf/struct_pb");
const provpb = require(path.join(SDK, "proto/provider_pb"));
const provrpc = require(path.join(SDK, "proto/provider_grpc_pb"));

export const PROJECT = "scalekit-test";
export const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";
const SECRET_SIG = "4dabf18193072939515e22adb298388d";
const SECRET_VALUE = "1b47061264138c4ac30d75fd1eb44270";

/** A config value the way the engine sends a secret. */
export const secretValue = (value: unknown) => ({ [SECRET_SIG]: SECRET_VALUE, value });

export type Bag = Record<string, any>;

export interface CheckResponse { inputs: Bag; failures: Array<{ property: string; reason: string }>; }
export interface DiffResponse { changes: "none" | "some" | "unknown"; replaces: string[]; deleteBeforeReplace: boolean; }
export interface ReadResponse { id: string; props: Bag; inputs?: Bag; }

export interface GrpcError extends Error { code: number; details: string; metadata?: any }

const toStruct = (value: Bag) => structpb.Struct.fromJavaScript(value);
const fromStruct = (value: any): Bag | undefined => (value ? value.toJavaScript() : undefined);
const DIFF_CHANGES = ["unknown", "none", "some"] as const;

export class DynamicProviderHost {
  private constructor(private readonly child: ChildProcess, private readonly client: any, readonly output: string[]) {}

  /** Starts the host in `cwd` (default: the project root, where `pulumi-scalekit/runtime` resolves). */
  static async start(options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): Promise<DynamicProviderHost> {
    const child = spawn(process.execPath, [path.join(SDK, "cmd/dynamic-provider/index.js"), "127.0.0.1:1"], {
      cwd: options.cwd ?? path.resolve(__dirname, "../.."),
      env: { ...process.env, PULUMI_NODEJS_PROJECT: PROJECT, ...options.env },
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
        if (newline >= 0) {
          announced = true;
          resolve(Number(buffer.slice(0, newline).trim()));
          if (buffer.slice(newline + 1)) output.push(buffer.slice(newline + 1));
        }
      });
      child.stderr!.on("data", (chunk) => output.push(String(chunk)));
      child.once("exit", (code) => reject(new Error(`dynamic provider host exited with ${code}: ${output.join("")}`)));
    });
    const client = new provrpc.ResourceProviderClient(`127.0.0.1:${port}`, grpc.credentials.createInsecure());
    return new DynamicProviderHost(child, client, output);
  }

  private call<T>(method: string, request: unknown): Promise<T> {
    return new Promise((resolve, reject) => this.client[method](request, (error: GrpcError | null, value: T) => (error ? reject(error) : resolve(value))));
  }

  async configure(config: Bag): Promise<void> {
    await this.call("configure", new provpb.ConfigureRequest().setArgs(toStruct(config)));
  }

  async check(urn: string, olds: Bag, news: Bag): Promise<CheckResponse> {
    const response: any = await this.call("check", new provpb.CheckRequest().setUrn(urn).setOlds(toStruct(olds)).setNews(toStruct(news)));
    return {
      inputs: fromStruct(response.getInputs()) ?? {},
      failures: response.getFailuresList().map((failure: any) => ({ property: failure.getProperty(), reason: failure.getReason() })),
    };
  }

  async diff(urn: string, id: string, olds: Bag, news: Bag): Promise<DiffResponse> {
    const response: any = await this.call("diff", new provpb.DiffRequest().setUrn(urn).setId(id).setOlds(toStruct(olds)).setNews(toStruct(news)));
    return { changes: DIFF_CHANGES[response.getChanges()], replaces: response.getReplacesList(), deleteBeforeReplace: response.getDeletebeforereplace() };
  }

  async create(urn: string, properties: Bag): Promise<{ id: string; props: Bag }> {
    const response: any = await this.call("create", new provpb.CreateRequest().setUrn(urn).setProperties(toStruct(properties)));
    return { id: response.getId(), props: fromStruct(response.getProperties()) ?? {} };
  }

  async read(urn: string, id: string, props: Bag, inputs?: Bag): Promise<ReadResponse> {
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
  static initFailure(error: GrpcError): { id: string; props: Bag } | undefined {
    const raw = error.metadata?.get?.("grpc-status-details-bin")?.[0];
    if (!raw) return undefined;
    const statuspb = require(path.join(SDK, "proto/status_pb"));
    const status = statuspb.Status.deserializeBinary(raw);
    const detail = status.getDetailsList()[0];
    const failure = provpb.ErrorResourceInitFailed.deserializeBinary(detail.getValue());
    return { id: failure.getId(), props: fromStruct(failure.getProperties()) ?? {} };
  }

  stop(): void {
    this.client.close();
    this.child.kill();
  }
}

export const urnOf = (kind: string, name: string) => `urn:pulumi:test::${PROJECT}::pulumi-nodejs:dynamic/scalekit:${kind}::${name}`;
