import * as pulumi from "@pulumi/pulumi";

/** A resource as the program registered it under mocks. */
export interface MockRegistration {
  urn: string;
  type: string;
  name: string;
  /** False for components. */
  custom: boolean;
  parent?: string;
  protect: boolean;
  retainOnDelete: boolean;
  /** As sent by the program: secrets as secret envelopes, `__provider` included. */
  inputs: Record<string, any>;
  /** URNs this resource was declared to wait for (dependsOn, and the resources its inputs came from). */
  dependencies: string[];
}

export interface MockProgram<T> {
  resources: MockRegistration[];
  result: T;
}

/** The program threw; what it registered before that is kept. */
export class MockProgramError extends Error {
  constructor(
    readonly cause: unknown,
    readonly resources: MockRegistration[],
  ) {
    super(`the program failed: ${(cause as Error)?.message ?? String(cause)}`);
    this.name = "MockProgramError";
  }
}

/** The id a custom resource gets under these mocks: `<name>.id`, so an input fed from it reads as its source. */
export const mockIdOf = (name: string) => `${name}.id`;

/**
 * Runs a program in this process under `pulumi.runtime.setMocks` (no engine: the fast way to look at
 * what a program registers) and records every registration with parent, protect, retainOnDelete and dependencies.
 * Custom resources answer with id `<name>.id` and their inputs as outputs; what they compute is
 * undefined. For the engine's view of a program (preview unknowns, steps, state), use the stand-in in
 * tools/engine-standin.
 */
export async function runUnderMocks<T>(program: () => T | Promise<T>, options: { project?: string; stack?: string; config?: Record<string, string>; secretConfigKeys?: string[] } = {}): Promise<MockProgram<T>> {
  const resources: MockRegistration[] = [];
  let registering: MockRegistration | undefined;
  await pulumi.runtime.setMocks(
    {
      newResource(args) {
        registering!.inputs = args.inputs;
        return args.custom ? { id: mockIdOf(args.name), state: args.inputs } : { id: undefined, state: {} };
      },
      call: (args) => args.inputs,
    },
    options.project ?? "scalekit-onboarding",
    options.stack ?? "dev",
    false,
  );
  pulumi.runtime.setAllConfig(options.config ?? {}, options.secretConfigKeys);

  const monitor = pulumi.runtime.getMonitor() as unknown as { registerResource(request: any, callback: (...args: any[]) => void): unknown; newUrn(parent: string, type: string, name: string): string };
  const register = monitor.registerResource.bind(monitor);
  monitor.registerResource = (request, callback) => {
    registering = {
      urn: monitor.newUrn(request.getParent(), request.getType(), request.getName()),
      type: request.getType(),
      name: request.getName(),
      custom: request.getCustom(),
      parent: request.getParent() || undefined,
      protect: request.getProtect() ?? false,
      retainOnDelete: request.getRetainondelete?.() ?? false,
      inputs: {},
      dependencies: request.getDependenciesList(),
    };
    resources.push(registering);
    // The mock monitor calls newResource synchronously, before its first await.
    try {
      return register(request, callback);
    } finally {
      registering = undefined;
    }
  };

  try {
    const result = await program();
    if (result !== undefined) await new Promise((resolve) => pulumi.output(result).apply(resolve));
    // Not in the SDK's typings, but what Pulumi's own program runner waits on.
    await (pulumi.runtime as unknown as { waitForRPCs?: () => Promise<void> }).waitForRPCs?.();
    return { resources, result };
  } catch (error) {
    throw new MockProgramError(error, resources);
  }
}
