import type { Diagnostic } from "./plan";
import { emptypb, enginepb, enginerpc, fromStruct, grpc, resourcepb, resourcerpc, toStruct } from "./sdk";
import { STACK_TYPE } from "./state";
import { OperationStopped, type Goal, type Registered } from "./update";
import type { Bag } from "./values";

/** What the operation does with the program's calls. */
export interface MonitorHandlers {
  register(goal: Goal): Promise<Registered>;
  registerOutputs(urn: string, outputs: Bag): void;
  log(diagnostic: Diagnostic): void;
  /** The program has registered everything (SignalAndWaitForShutdown); resolves when the operation is done. */
  programDone(): Promise<void>;
}

/**
 * Features the program may ask for (pkg/resource/deploy/source_eval.go, SupportsFeature): only what the
 * stand-in implements. Secrets yes; the rest no, so the SDK sends plain ids instead of resource
 * references, resolved values instead of output values, alias URNs instead of alias specs, and refuses
 * transforms, hooks, deletedWith and replaceWith with its own "update the CLI" error.
 */
const FEATURES: Record<string, boolean> = { secrets: true };

const SEVERITIES = ["debug", "info", "warning", "error"] as const;

/**
 * The engine's two gRPC services a program talks to, ResourceMonitor and Engine, on one loopback port
 * (proto/resource.proto, proto/engine.proto; the SDK's own generated services).
 */
export class ResourceMonitorServer {
  private rootUrn = "";

  private constructor(
    private readonly server: any,
    /** host:port for `--monitor` and `--engine`. */
    readonly address: string,
  ) {}

  static async start(context: { project: string; stack: string }, handlers: MonitorHandlers): Promise<ResourceMonitorServer> {
    const server = new grpc.Server();
    let instance: ResourceMonitorServer | undefined;
    const unary = (handler: (request: any) => unknown | Promise<unknown>) => (call: any, callback: (error: unknown, response?: unknown) => void) => {
      Promise.resolve()
        .then(() => handler(call.request))
        .then(
          (response) => callback(null, response),
          (error) => callback({ code: error instanceof OperationStopped ? grpc.status.UNAVAILABLE : grpc.status.UNKNOWN, details: (error as Error).message }),
        );
    };
    const unimplemented = (what: string) => (_call: any, callback: (error: unknown) => void) =>
      callback({ code: grpc.status.UNIMPLEMENTED, details: `${what} is not modelled by the engine stand-in (tools/engine-standin/README.md)` });

    server.addService(resourcerpc.ResourceMonitorService, {
      supportsFeature: unary((request) => new resourcepb.SupportsFeatureResponse().setHassupport(FEATURES[request.getId()] === true)),
      registerResource: unary(async (request) => {
        const goal = goalOf(request, context);
        const registered = await handlers.register(goal);
        return new resourcepb.RegisterResourceResponse().setUrn(registered.urn).setId(registered.id).setObject(toStruct(registered.outputs)).setResult(resourcepb.Result.SUCCESS);
      }),
      registerResourceOutputs: unary((request) => {
        handlers.registerOutputs(request.getUrn(), fromStruct(request.getOutputs()) ?? {});
        return new emptypb.Empty();
      }),
      signalAndWaitForShutdown: unary(async () => {
        await handlers.programDone();
        return new emptypb.Empty();
      }),
      invoke: unimplemented("Invoke (provider functions)"),
      call: unimplemented("Call (methods of remote components)"),
      readResource: unimplemented("ReadResource (`.get` and StackReference)"),
      registerStackTransform: unimplemented("Transforms"),
      registerStackInvokeTransform: unimplemented("Transforms"),
      registerResourceHook: unimplemented("Resource hooks"),
      registerErrorHook: unimplemented("Error hooks"),
      registerPackage: unimplemented("Parameterized packages"),
      getDeploymentInfo: unimplemented("GetDeploymentInfo"),
    });
    server.addService(enginerpc.EngineService, {
      log: unary((request) => {
        handlers.log({ severity: SEVERITIES[request.getSeverity()] ?? "info", message: request.getMessage(), ...(request.getUrn() ? { urn: request.getUrn() } : {}) });
        return new emptypb.Empty();
      }),
      getRootResource: unary(() => new enginepb.GetRootResourceResponse().setUrn(instance!.rootUrn)),
      setRootResource: unary((request) => {
        instance!.rootUrn = request.getUrn();
        return new enginepb.SetRootResourceResponse();
      }),
      requirePulumiVersion: unary(() => new enginepb.RequirePulumiVersionResponse()),
      startDebugging: unimplemented("StartDebugging"),
    });
    const port = await new Promise<number>((resolve, reject) =>
      server.bindAsync("127.0.0.1:0", grpc.ServerCredentials.createInsecure(), (error: Error | null, bound: number) => (error ? reject(error) : resolve(bound))),
    );
    instance = new ResourceMonitorServer(server, `127.0.0.1:${port}`);
    return instance;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => this.server.tryShutdown(() => resolve()));
  }
}

/**
 * The goal a RegisterResource request states, with the URN the engine gives it: the parent's type
 * chain joined with `$`, the stack itself left out (pkg/resource/deploy/step_generator.go, generateURN).
 */
function goalOf(request: any, context: { project: string; stack: string }): Goal {
  if (request.getRemote()) throw new Error("remote component resources (Construct) are not modelled by the engine stand-in");
  if (request.getImportid()) throw new Error("the import resource option is not modelled by the engine stand-in");
  if (request.getProvider()) throw new Error("explicit provider resources are not modelled by the engine stand-in");
  const type: string = request.getType();
  const parent: string = request.getParent();
  const parentType = parent ? parent.split("::")[2] : "";
  const qualifiedType = parentType && parentType !== STACK_TYPE ? `${parentType}$${type}` : type;
  const propertyDependencies: Record<string, string[]> = {};
  request.getPropertydependenciesMap().forEach((value: any, key: string) => (propertyDependencies[key] = value.getUrnsList()));
  return {
    urn: `urn:pulumi:${context.stack}::${context.project}::${qualifiedType}::${request.getName()}`,
    type,
    custom: request.getCustom(),
    ...(parent ? { parent } : {}),
    inputs: fromStruct(request.getObject()) ?? {},
    ...(request.hasProtect() ? { protect: request.getProtect() } : {}),
    ...(request.hasRetainondelete() ? { retainOnDelete: request.getRetainondelete() } : {}),
    ...(request.getDeletebeforereplacedefined() ? { deleteBeforeReplace: request.getDeletebeforereplace() } : {}),
    dependencies: request.getDependenciesList(),
    propertyDependencies,
    ignoreChanges: request.getIgnorechangesList(),
    additionalSecretOutputs: request.getAdditionalsecretoutputsList(),
    replaceOnChanges: request.getReplaceonchangesList(),
  };
}
