import type { Diagnostic } from "./plan";
import { GrpcFailure, GrpcStatus, UnaryServer, type UnaryHandler } from "./grpc-unary";
import { MessageStructs } from "./message-structs";
import { emptypb, enginepb, enginerpc, resourcepb, resourcerpc } from "./sdk";
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

/** The property bags (Struct fields) of a message, by field name. */
type Bags = Record<string, Bag | undefined>;

/** What a method answers: the response message (the SDK's generated class) and its property bags. */
interface Reply {
  message: unknown;
  bags?: Bags;
}

/** A handler of one method: the request message and its property bags in, the reply out. */
type MethodHandler = (request: any, bags: Bags) => Reply | Promise<Reply>;

const reply = (message: unknown, bags?: Bags): Reply => ({ message, bags });

/** The Struct fields of the messages that carry property bags (struct-codec.ts reads and writes them). */
const PROPERTY_BAGS = new Map<unknown, string[]>([
  [resourcepb.RegisterResourceRequest, ["object"]],
  [resourcepb.RegisterResourceResponse, ["object"]],
  [resourcepb.RegisterResourceOutputsRequest, ["outputs"]],
]);

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
      supportsFeature: (request) => reply(new resourcepb.SupportsFeatureResponse().setHassupport(FEATURES[request.getId()] === true)),
      registerResource: async (request, bags) => {
        const registered = await handlers.register(goalOf(request, bags.object ?? {}, context));
        return reply(new resourcepb.RegisterResourceResponse().setUrn(registered.urn).setId(registered.id).setResult(resourcepb.Result.SUCCESS), { object: registered.outputs });
      },
      registerResourceOutputs: (request, bags) => {
        handlers.registerOutputs(request.getUrn(), bags.outputs ?? {});
        return reply(new emptypb.Empty());
      },
      signalAndWaitForShutdown: async () => {
        await handlers.programDone();
        return reply(new emptypb.Empty());
      },
    };
    const engine: Record<string, MethodHandler> = {
      log: (request) => {
        handlers.log({ severity: SEVERITIES[request.getSeverity()] ?? "info", message: request.getMessage(), ...(request.getUrn() ? { urn: request.getUrn() } : {}) });
        return reply(new emptypb.Empty());
      },
      getRootResource: () => reply(new enginepb.GetRootResourceResponse().setUrn(instance!.rootUrn)),
      setRootResource: (request) => {
        instance!.rootUrn = request.getUrn();
        return reply(new enginepb.SetRootResourceResponse());
      },
      requirePulumiVersion: () => reply(new enginepb.RequirePulumiVersionResponse()),
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
 * The routes of a service's methods, each message read and written as the SDK's generated class of
 * the service definition, its property bags through struct-codec.ts; a registration refused because the
 * operation stopped answers UNAVAILABLE, as a monitor shutting down does.
 */
function routesOf(service: Record<string, any>, handlers: Record<string, MethodHandler>): Record<string, UnaryHandler> {
  const routes: Record<string, UnaryHandler> = {};
  for (const [name, handler] of Object.entries(handlers)) {
    const definition = service[name];
    const requests = new MessageStructs(definition.requestType, PROPERTY_BAGS.get(definition.requestType) ?? []);
    const responses = new MessageStructs(definition.responseType, PROPERTY_BAGS.get(definition.responseType) ?? []);
    routes[definition.path] = async (bytes) => {
      try {
        const { message, structs } = requests.decode(bytes);
        const { message: response, bags } = await handler(message, structs);
        return responses.encode(response as { serializeBinary(): Uint8Array }, bags ?? {});
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
function goalOf(request: any, inputs: Bag, context: { project: string; stack: string }): Goal {
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
    inputs,
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
