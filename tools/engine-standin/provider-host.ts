/**
 * A client of the real Pulumi dynamic-provider host (`@pulumi/pulumi/cmd/dynamic-provider`), started as
 * a child process and spoken to over gRPC, as the engine does. The one gRPC driver of the host used by
 * the stand-in engine, the tests that call the host directly, the benchmark and the SSO demo.
 */
import type { ChildProcess } from "node:child_process";
import * as path from "node:path";
import { UnaryClient, type GrpcCallError } from "./grpc-unary";
import { MessageStructs } from "./message-structs";
import { startPlugin } from "./plugin-process";
import { emptypb, providerpb, providerrpc, sdkOf, statuspb } from "./sdk";
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

/** The messages of the calls made here, with their property bags (Struct fields). */
const MESSAGES = {
  ConfigureRequest: new MessageStructs(providerpb.ConfigureRequest, ["args"]),
  ConfigureResponse: new MessageStructs(providerpb.ConfigureResponse, []),
  CheckRequest: new MessageStructs(providerpb.CheckRequest, ["olds", "news"]),
  CheckResponse: new MessageStructs(providerpb.CheckResponse, ["inputs"]),
  DiffRequest: new MessageStructs(providerpb.DiffRequest, ["olds", "news", "oldInputs"]),
  DiffResponse: new MessageStructs(providerpb.DiffResponse, []),
  CreateRequest: new MessageStructs(providerpb.CreateRequest, ["properties"]),
  CreateResponse: new MessageStructs(providerpb.CreateResponse, ["properties"]),
  ReadRequest: new MessageStructs(providerpb.ReadRequest, ["properties", "inputs"]),
  ReadResponse: new MessageStructs(providerpb.ReadResponse, ["properties", "inputs"]),
  UpdateRequest: new MessageStructs(providerpb.UpdateRequest, ["olds", "news", "oldInputs"]),
  UpdateResponse: new MessageStructs(providerpb.UpdateResponse, ["properties"]),
  DeleteRequest: new MessageStructs(providerpb.DeleteRequest, ["properties", "oldInputs"]),
  Empty: new MessageStructs(emptypb.Empty, []),
  ErrorResourceInitFailed: new MessageStructs(providerpb.ErrorResourceInitFailed, ["properties", "inputs"]),
};

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
    const { child, port, output } = await startPlugin("dynamic provider host", script, ["127.0.0.1:1"], {
      cwd,
      env: { ...process.env, PULUMI_NODEJS_PROJECT: project, PULUMI_PROJECT: project, ...options.env },
    });
    return new ProviderHost(child, UnaryClient.connect(`127.0.0.1:${port}`), output);
  }

  /** Calls a method of the ResourceProvider service with the request's bytes; the response decoded by `response`. */
  private async call(method: string, request: Buffer, response: MessageStructs): Promise<{ message: any; structs: Record<string, Bag | undefined> }> {
    return response.decode(await this.client.call(providerrpc.ResourceProviderService[method].path, request));
  }

  /** Stack configuration, e.g. { "scalekit:environmentUrl": … }; secrets may come as secret envelopes. */
  async configure(config: Bag): Promise<{ acceptSecrets: boolean; supportsPreview: boolean }> {
    const { message } = await this.call("configure", MESSAGES.ConfigureRequest.encode(new providerpb.ConfigureRequest(), { args: config }), MESSAGES.ConfigureResponse);
    return { acceptSecrets: message.getAcceptsecrets(), supportsPreview: message.getSupportspreview() };
  }

  async check(urn: string, olds: Bag, news: Bag): Promise<CheckResult> {
    const request = MESSAGES.CheckRequest.encode(new providerpb.CheckRequest().setUrn(urn), { olds, news });
    const { message, structs } = await this.call("check", request, MESSAGES.CheckResponse);
    return {
      inputs: structs.inputs ?? {},
      failures: message.getFailuresList().map((failure: any) => ({ property: failure.getProperty(), reason: failure.getReason() })),
    };
  }

  /** `olds` are the old outputs; `oldInputs` travel too, as the engine sends them (the Node host ignores them). */
  async diff(urn: string, id: string, olds: Bag, news: Bag, oldInputs?: Bag): Promise<DiffResult> {
    const request = MESSAGES.DiffRequest.encode(new providerpb.DiffRequest().setUrn(urn).setId(id), { olds, news, oldInputs });
    const { message } = await this.call("diff", request, MESSAGES.DiffResponse);
    return { changes: DIFF_CHANGES[message.getChanges()], replaces: message.getReplacesList(), deleteBeforeReplace: message.getDeletebeforereplace() };
  }

  async create(urn: string, properties: Bag): Promise<{ id: string; props: Bag }> {
    const request = MESSAGES.CreateRequest.encode(new providerpb.CreateRequest().setUrn(urn), { properties });
    const { message, structs } = await this.call("create", request, MESSAGES.CreateResponse);
    return { id: message.getId(), props: structs.properties ?? {} };
  }

  async read(urn: string, id: string, props: Bag, inputs?: Bag): Promise<ReadResult> {
    const request = MESSAGES.ReadRequest.encode(new providerpb.ReadRequest().setUrn(urn).setId(id), { properties: props, inputs });
    const { message, structs } = await this.call("read", request, MESSAGES.ReadResponse);
    return { id: message.getId(), props: structs.properties ?? {}, inputs: structs.inputs };
  }

  async update(urn: string, id: string, olds: Bag, news: Bag, oldInputs?: Bag): Promise<Bag> {
    const request = MESSAGES.UpdateRequest.encode(new providerpb.UpdateRequest().setUrn(urn).setId(id), { olds, news, oldInputs });
    const { structs } = await this.call("update", request, MESSAGES.UpdateResponse);
    return structs.properties ?? {};
  }

  async delete(urn: string, id: string, props: Bag, oldInputs?: Bag): Promise<void> {
    const request = MESSAGES.DeleteRequest.encode(new providerpb.DeleteRequest().setUrn(urn).setId(id), { properties: props, oldInputs });
    await this.call("delete", request, MESSAGES.Empty);
  }

  /** The id, properties and reasons of a "created but failed to initialize" error, if the error carries them. */
  static initFailure(error: unknown): { id: string; props: Bag; reasons: string[] } | undefined {
    const raw = (error as HostError).metadata?.get?.("grpc-status-details-bin")?.[0] as Uint8Array | undefined;
    if (!raw) return undefined;
    const detail = statuspb.Status.deserializeBinary(raw).getDetailsList()[0];
    if (!detail) return undefined;
    const { message: failure, structs } = MESSAGES.ErrorResourceInitFailed.decode(detail.getValue());
    return { id: failure.getId(), props: structs.properties ?? {}, reasons: failure.getReasonsList() };
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
