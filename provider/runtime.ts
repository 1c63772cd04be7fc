/**
 * The entry point the serialized provider shim loads by package name (`pulumi-scalekit/runtime`):
 * resource kind → lifecycle, plus the process-wide management API client (one token, one connection
 * pool and one request budget per environment, shared by every resource the host process handles).
 */
import { createHash } from "node:crypto";
import * as pulumi from "@pulumi/pulumi";
import type { ScalekitClient } from "./api/client";
import { resolveClientSettings, type ClientSettings, type ConfigLookup } from "./core/settings";
import { RESOURCE_LIFECYCLES, type ResourceKind } from "./resources/registry";
import { ResourceInitError, type Bag, type ResourceContext, type ResourceLifecycle } from "./resources/lifecycle";

let configLookup: ConfigLookup = () => undefined;
const clients = new Map<string, ScalekitClient>();
/** The client of the current configuration, resolved once per `configure`. */
let configured: ScalekitClient | undefined;

const log = {
  debug: (message: string) => void pulumi.log.debug(message),
  info: (message: string) => void pulumi.log.info(message),
  warn: (message: string) => void pulumi.log.warn(message),
};

/** Called by the shim's `configure` (of any resource kind) with the stack configuration. */
export function configure(_kind: string, lookup: ConfigLookup): void {
  configLookup = lookup;
  configured = undefined;
}

function client(): ScalekitClient {
  return (configured ??= clientFor(resolveClientSettings(configLookup)));
}

/** One client per environment and credentials, shared by every configure of this process. */
function clientFor(settings: ClientSettings): ScalekitClient {
  const key = [settings.environmentUrl, settings.clientId, createHash("sha256").update(settings.clientSecret).digest("hex")].join("|");
  let existing = clients.get(key);
  if (!existing) {
    // Loaded on the first API call, not with the runtime: checks and diffs (a preview, an up with nothing
    // to change) never need the HTTP client, and undici is half the runtime's load time.
    const { ScalekitClient } = require("./api/client") as typeof import("./api/client");
    existing = new ScalekitClient(settings, { logger: log });
    clients.set(key, existing);
  }
  return existing;
}

const context: ResourceContext = { client, log };

function lifecycle(kind: string): ResourceLifecycle<any, any> {
  const found = RESOURCE_LIFECYCLES[kind as ResourceKind];
  if (!found) throw new Error(`pulumi-scalekit: unknown resource kind ${JSON.stringify(kind)}`);
  return found;
}

/** The host turns results into protobuf Structs, which have no `undefined`: absent keys are dropped instead. */
function plain<T>(value: T): T {
  if (Array.isArray(value)) return value.map(plain) as T;
  if (value && typeof value === "object" && Object.getPrototypeOf(value) === Object.prototype) {
    return Object.fromEntries(Object.entries(value).filter(([, item]) => item !== undefined).map(([key, item]) => [key, plain(item)])) as T;
  }
  return value;
}

export async function check(kind: string, olds: Bag, news: Bag) {
  return plain(await lifecycle(kind).check(olds ?? {}, news ?? {}, context));
}

export async function diff(kind: string, id: string, olds: Bag, news: Bag) {
  const { changes, replaces, deleteBeforeReplace } = lifecycle(kind).diff(id, olds, news);
  return { changes, replaces, deleteBeforeReplace };
}

/** The serialized provider travels in every property bag; lifecycles never see it (diff excepted). */
function withoutProvider(bag: Bag): Bag {
  const { __provider: _provider, ...rest } = bag ?? {};
  return rest;
}

export async function create(kind: string, inputs: Bag) {
  try {
    return plain(await lifecycle(kind).create(withoutProvider(inputs), context));
  } catch (error) {
    // Pulumi keeps a half-created resource only if its properties can still reach this provider.
    if (!(error instanceof ResourceInitError)) throw error;
    throw new ResourceInitError(error.message, error.id, { ...plain(error.properties), __provider: inputs.__provider }, error.reasons);
  }
}

export async function read(kind: string, id: string, props: Bag) {
  return plain(await lifecycle(kind).read(id, withoutProvider(props), context));
}

export async function update(kind: string, id: string, olds: Bag, news: Bag) {
  return plain(await lifecycle(kind).update(id, withoutProvider(olds), withoutProvider(news), context));
}

export async function remove(kind: string, id: string, props: Bag) {
  return lifecycle(kind).delete(id, withoutProvider(props), context);
}
export { remove as delete };

/** Closes every client (tests; the host process simply exits). */
export async function closeClients(): Promise<void> {
  const open = [...clients.values()];
  clients.clear();
  configured = undefined;
  await Promise.all(open.map((existing) => existing.close()));
}
