import type { ScalekitClient } from "../api/client";
import { isNotFound } from "../core/api-error";
import type { CheckOutcome } from "../core/check";
import type { DiffOutcome } from "../core/diff";
import type { Logger } from "../core/http";

export interface ResourceLog extends Logger {
  info(message: string): void;
}

/** What a lifecycle method may use: the management API client (built on first use) and the Pulumi log. */
export interface ResourceContext {
  client(): ScalekitClient;
  log: ResourceLog;
}

export type Bag = Record<string, unknown>;

export interface ReadOutcome<Inputs, Outputs> {
  /** Absent when the object is gone: Pulumi then drops the resource from state. */
  id?: string;
  props?: Outputs;
  /** Inputs that reproduce the live object, so the next diff shows out-of-band edits as changes. */
  inputs?: Inputs;
}

/**
 * The check/diff/create/read/update/delete of one resource kind, on plain data. Inputs reach create and
 * update after `check` normalized them; `olds` of diff/update are the previous outputs.
 */
export interface ResourceLifecycle<Inputs, Outputs> {
  check(olds: Bag, news: Bag, context: ResourceContext): Promise<CheckOutcome<Inputs>>;
  diff(id: string, olds: Outputs & Bag, news: Inputs & Bag): DiffOutcome;
  create(inputs: Inputs, context: ResourceContext): Promise<{ id: string; outs: Outputs }>;
  read(id: string, props: Outputs, context: ResourceContext): Promise<ReadOutcome<Inputs, Outputs>>;
  update(id: string, olds: Outputs, news: Inputs, context: ResourceContext): Promise<{ outs: Outputs }>;
  delete(id: string, props: Outputs, context: ResourceContext): Promise<void>;
}

/**
 * Thrown when the object was created but a later step failed. The dynamic-provider host turns an error
 * carrying `id` and `properties` into "created but failed to initialize": Pulumi keeps the resource in
 * state, so nothing is orphaned and the next `up` finishes the job with an update.
 */
export class ResourceInitError extends Error {
  constructor(
    message: string,
    readonly id: string,
    readonly properties: Bag,
    readonly reasons: string[] = [message],
  ) {
    super(message);
    this.name = "ResourceInitError";
  }
}

/**
 * The live object for a refresh; undefined, after a warning, when Scalekit no longer has it, so that
 * the refresh drops the resource from state and the next `up` recreates it.
 */
export async function readLive<T>(what: string, id: string, fetch: () => Promise<T>, context: ResourceContext): Promise<T | undefined> {
  try {
    return await fetch();
  } catch (error) {
    if (!isNotFound(error)) throw error;
    context.log.warn(`${what} ${id} no longer exists in Scalekit; removing it from the stack state (the next \`pulumi up\` recreates it)`);
    return undefined;
  }
}

/** Deletes, treating "not found" as already deleted. */
export async function deleteIfPresent(remove: () => Promise<void>): Promise<void> {
  try {
    await remove();
  } catch (error) {
    if (!isNotFound(error)) throw error;
  }
}
