import * as pulumi from "@pulumi/pulumi";
import { MarkerTable } from "./markers";
import { scalekitComputedOutputs } from "./scalekit-outputs";
import type { EngineState } from "./state";

/** A resource as the program registered it, i.e. what the engine would be asked to bring about. */
export interface RegisteredResource {
  urn: string;
  type: string;
  name: string;
  /** False for components: the engine has nothing to do for them. */
  custom: boolean;
  parent?: string;
  protect: boolean;
  /** As sent by the program: secrets as secret envelopes, outputs of other resources as markers, `__provider` included. */
  inputs: Record<string, unknown>;
  /** URNs this resource was declared to wait for (dependsOn and the resources its inputs came from). */
  dependencies: string[];
  propertyDependencies: Record<string, string[]>;
}

export interface CapturedProgram {
  project: string;
  stack: string;
  /** In registration order. */
  resources: RegisteredResource[];
  markers: MarkerTable;
}

export interface CaptureOptions {
  project?: string;
  stack?: string;
  /** Stack configuration ("namespace:key" → value); keys listed in `secretConfigKeys` are secrets. */
  config?: Record<string, string>;
  secretConfigKeys?: string[];
  /**
   * Resources found here get their recorded id and outputs instead of markers: run the program again
   * after a pass of the engine to see its outputs (hand-off bundles) with real values.
   */
  state?: EngineState;
  /** Output names per type token that get markers (default: the Scalekit resources' computed outputs). */
  computedOutputs?: (type: string) => readonly string[];
}

/** The program threw; what it registered before that is kept. */
export class ProgramError extends Error {
  constructor(
    readonly cause: unknown,
    readonly resources: RegisteredResource[],
  ) {
    super(`the program failed: ${(cause as Error)?.message ?? String(cause)}`);
    this.name = "ProgramError";
  }
}

interface MonitorLike {
  registerResource(request: any, callback: (...args: any[]) => void): unknown;
  newUrn(parent: string, type: string, name: string): string;
}

/**
 * Runs a Pulumi program under `pulumi.runtime.setMocks` and records every resource it registers, with
 * the details the engine sees (parent, protect, dependencies). Computed outputs come back as markers
 * (see MarkerTable) unless `state` has the resource. Replaces any mocks set before.
 */
export async function captureProgram<T>(program: () => T | Promise<T>, options: CaptureOptions = {}): Promise<CapturedProgram & { result: T }> {
  const project = options.project ?? "scalekit-onboarding";
  const stack = options.stack ?? "dev";
  const computed = options.computedOutputs ?? scalekitComputedOutputs;
  const markers = new MarkerTable();
  const resources: RegisteredResource[] = [];
  let registering: RegisteredResource | undefined;

  await pulumi.runtime.setMocks(
    {
      newResource(args) {
        const resource = registering!;
        resource.inputs = args.inputs;
        const recorded = options.state?.resources[resource.urn];
        if (recorded) return { id: recorded.id, state: recorded.outputs };
        if (!args.custom) return { id: undefined, state: {} };
        const outputs = Object.fromEntries(computed(args.type).map((property) => [property, markers.mint(resource.urn, args.name, property)]));
        return { id: markers.mint(resource.urn, args.name, "id"), state: { ...args.inputs, ...outputs } };
      },
      call: (args) => args.inputs,
    },
    project,
    stack,
    false,
  );
  pulumi.runtime.setAllConfig(options.config ?? {}, options.secretConfigKeys);

  const monitor = pulumi.runtime.getMonitor() as unknown as MonitorLike;
  const register = monitor.registerResource.bind(monitor);
  monitor.registerResource = (request, callback) => {
    const propertyDependencies: Record<string, string[]> = {};
    request.getPropertydependenciesMap().forEach((value: any, key: string) => (propertyDependencies[key] = value.getUrnsList()));
    registering = {
      urn: monitor.newUrn(request.getParent(), request.getType(), request.getName()),
      type: request.getType(),
      name: request.getName(),
      custom: request.getCustom(),
      parent: request.getParent() || undefined,
      protect: request.getProtect() ?? false,
      inputs: {},
      dependencies: request.getDependenciesList(),
      propertyDependencies,
    };
    resources.push(registering);
    // The mock monitor calls newResource synchronously, before its first await.
    try {
      return register(request, callback);
    } finally {
      registering = undefined;
    }
  };

  let result: T;
  try {
    result = await program();
    await settled(result);
  } catch (error) {
    throw new ProgramError(error, resources);
  }
  return { project, stack, resources, markers, result };
}

/** Waits until the program's outputs have resolved and every registration has been answered. */
async function settled(result: unknown): Promise<void> {
  if (result !== undefined) await new Promise((resolve) => pulumi.output(result).apply(resolve));
  // Not in the SDK's typings, but what Pulumi's own program runner waits on.
  const waitForRPCs = (pulumi.runtime as unknown as { waitForRPCs?: () => Promise<void> }).waitForRPCs;
  await waitForRPCs?.();
}
