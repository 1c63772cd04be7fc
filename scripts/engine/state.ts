/** What the engine keeps between passes, as Pulumi's state file does; plain JSON. */
export interface StateEntry {
  urn: string;
  type: string;
  name: string;
  id: string;
  /** The checked inputs the resource was last created or updated with (`__provider` included). */
  inputs: Record<string, any>;
  outputs: Record<string, any>;
  dependencies: string[];
  parent?: string;
  protect: boolean;
}

export interface EngineState {
  /** By URN, in the order the resources were first created. */
  resources: Record<string, StateEntry>;
}

export const emptyState = (): EngineState => ({ resources: {} });
