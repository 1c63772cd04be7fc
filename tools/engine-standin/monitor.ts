import type { Diagnostic } from "./plan";
import { GrpcFailure, GrpcStatus, UnaryServer, type UnaryHandler } from "./grpc-unary";
import { emptypb, enginepb, enginerpc, fromStruct, resourcepb, resourcerpc, toStruct } from "./sdk";
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

/** A handler of one method: the request message in, the response message out (the SDK's generated classes). */
type MethodHandler = (request: any) => unknown | Promise<unknown>;

/**
 * The engine's two gRPC services a program talks to, ResourceMonitor and Engine, on one loopback port
 * (proto/resource.proto, proto/engine.proto). Methods the stand-in does not model are answered
 * UNIMPLEMENTED with the reason (the SDK turns that into its own error).
 */
export class ResourceMonitorServer {
  private rootUrn = "";

  private constructor(private readonly server: UnaryServer) {}

  /** host:port for `--monitor` and `--engine`. */
  get address(): string {
    return this.server.address;
  }

  static async start(context: { project: string; stack: string }, handlers: MonitorHandlers): Promise<ResourceMonitorServer> {
    let instance: ResourceMonitorServer | undefined;
    const monitor: Record<string, MethodHandler> = {
      supportsFeature: (request) => new resourcepb.SupportsFeatureResponse().setHassupport(FEATURES[request.getId()] === true),
      registerResource: async (request) => {
        const goal = goalOf(request, context);
        const registered = await handlers.register(goal);
        return new resourcepb.RegisterResourceResponse().setUrn(registered.urn).setId(registered.id).setObject(toStruct(registered.outputs)).setResult(resourcepb.Result.SUCCESS);
      },
      registerResourceOutputs: (request) => {
        handlers.registerOutputs(request.getUrn(), fromStruct(request.getOutputs()) ?? {});
        return new emptypb.Empty();
      },
      signalAndWaitForShutdown: async () => {
        await handlers.programDone();
        return new emptypb.Empty();
      },
    };
    const engine: Record<string, MethodHandler> = {
      log: (request) => {
        handlers.log({ severity: SEVERITIES[request.getSeverity()] ?? "info", message: request.getMessage(), ...(request.getUrn() ? { urn: request.getUrn() } : {}) });
        return new emptypb.Empty();
      },
      getRootResource: () => new enginepb.GetRootResourceResponse().setUrn(instance!.rootUrn),
      setRootResource: (request) => {
        instance!.rootUrn = request.getUrn();
        return new enginepb.SetRootResourceResponse();
      },
      requirePulumiVersion: () => new enginepb.RequirePulumiVersionResponse(),
    };
    const routes = { ...routesOf(resourcerpc.ResourceMonitorService, monitor), ...routesOf(enginerpc.EngineService, engine) };
    const server = await UnaryServer.listen(routes, (path) => `${NOT_MODELLED[path.split("/").pop() ?? ""] ?? path} is not modelled by the engine stand-in (tools/engine-standin/README.md)`);
    instance = new ResourceMonitorServer(server);
    return instance;
  }

  /** Stops accepting calls; resolves once the program's connections are closed. */
  stop(): Promise<void> {
    return this.server.close();
  }
}

/** What the methods the stand-in does not model are, for their UNIMPLEMENTED answer. */
const NOT_MODELLED: Record<string, string> = {
  Invoke: "Invoke (provider functions)",
  Call: "Call (methods of remote components)",
  ReadResource: "ReadResource (`.get` and StackReference)",
  RegisterStackTransform: "Transforms",
  RegisterStackInvokeTransform: "Transforms",
  RegisterResourceHook: "Resource hooks",
  RegisterErrorHook: "Error hooks",
  RegisterPackage: "Parameterized packages",
  GetDeploymentInfo: "GetDeploymentInfo",
  StartDebugging: "StartDebugging",
};

/**
 * The routes of a service's methods, each message (de)serialized by the SDK's generated service
 * definition; a registration refused because the operation stopped answers UNAVAILABLE, as a monitor
 * shutting down does.
 */
function routesOf(service: Record<string, any>, handlers: Record<string, MethodHandler>): Record<string, UnaryHandler> {
  const routes: Record<string, UnaryHandler> = {};
  for (const [name, handler] of Object.entries(handlers)) {
    const definition = service[name];
    routes[definition.path] = async (bytes) => {
      try {
        return definition.responseSerialize(await handler(definition.requestDeserialize(bytes)));
      } catch (error) {
        throw new GrpcFailure(error instanceof OperationStopped ? GrpcStatus.UNAVAILABLE : GrpcStatus.UNKNOWN, (error as Error).message);
      }
    };
  }
  return routes;
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
