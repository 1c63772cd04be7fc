import type { ProviderCall, ProviderMethod } from "./plan";
import { ProviderHost, type DiffResult } from "./provider-host";
import { annotateSecrets, revealSecrets, type Bag } from "./values";

/** A create or update that made the object but could not finish it: the engine keeps it, with `initErrors`. */
export class PartialFailure extends Error {
  constructor(
    message: string,
    readonly id: string,
    readonly outputs: Bag,
    readonly reasons: string[],
  ) {
    super(message);
  }
}

/**
 * The host as one operation of the engine uses it. The Node host answers Configure with
 * `acceptSecrets: false`, so every call gets its property bags with secret envelopes stripped (a host
 * that accepted secrets would get them as they are), and
 * what comes back is re-marked secret where its input of the same name was
 * (pkg/resource/plugin/provider_plugin.go: MarshalProperties with KeepSecrets = acceptSecrets, then
 * annotateSecrets). Each call is recorded.
 */
export class ProviderSession {
  readonly calls: ProviderCall[] = [];
  firstCallAt?: number;
  lastCallAt?: number;

  /** @param host the host, started and configured, and whether it accepts secrets (the first call waits for it) */
  constructor(private readonly host: Promise<{ host: ProviderHost; acceptSecrets: boolean }>) {}

  async check(urn: string, olds: Bag, news: Bag): Promise<{ inputs: Bag; failures: Array<{ property: string; reason: string }> }> {
    const result = await this.record("check", urn, (host, plain) => host.check(urn, plain(olds), plain(news)));
    return { inputs: annotateSecrets(result.inputs, news), failures: result.failures };
  }

  /** `oldOutputs` are what the host hands the provider's diff as `olds`. */
  diff(urn: string, id: string, oldOutputs: Bag, newInputs: Bag, oldInputs: Bag): Promise<DiffResult> {
    return this.record("diff", urn, (host, plain) => host.diff(urn, id, plain(oldOutputs), plain(newInputs), plain(oldInputs)));
  }

  async create(urn: string, inputs: Bag): Promise<{ id: string; outputs: Bag }> {
    const created = await this.record("create", urn, (host, plain) => host.create(urn, plain(inputs)), inputs);
    return { id: created.id, outputs: annotateSecrets(created.props, inputs) };
  }

  async update(urn: string, id: string, oldOutputs: Bag, newInputs: Bag, oldInputs: Bag): Promise<Bag> {
    const outputs = await this.record("update", urn, (host, plain) => host.update(urn, id, plain(oldOutputs), plain(newInputs), plain(oldInputs)), newInputs);
    return annotateSecrets(outputs, newInputs);
  }

  /** Refresh: the live object; no id means it is gone. Secrets re-marked from the old inputs and outputs. */
  async read(urn: string, id: string, oldInputs: Bag, oldOutputs: Bag): Promise<{ id: string; inputs?: Bag; outputs: Bag }> {
    const read = await this.record("read", urn, (host, plain) => host.read(urn, id, plain(oldOutputs), plain(oldInputs)));
    return { id: read.id, inputs: read.inputs && annotateSecrets(read.inputs, oldInputs), outputs: annotateSecrets(read.props, oldOutputs) };
  }

  delete(urn: string, id: string, outputs: Bag, inputs: Bag): Promise<void> {
    return this.record("delete", urn, (host, plain) => host.delete(urn, id, plain(outputs), plain(inputs)));
  }

  /** Runs a call; a "created but failed to initialize" error becomes a PartialFailure, other errors carry the provider's message. */
  private async record<T>(method: ProviderMethod, urn: string, call: (host: ProviderHost, plain: (bag: Bag) => Bag) => Promise<T>, inputs?: Bag): Promise<T> {
    const { host, acceptSecrets } = await this.host;
    this.calls.push({ method, urn });
    this.firstCallAt ??= Date.now();
    try {
      return await call(host, acceptSecrets ? (bag) => bag : withoutSecrets);
    } catch (error) {
      const partial = ProviderHost.initFailure(error);
      const message = ProviderHost.messageOf(error);
      if (partial?.id) throw new PartialFailure(message, partial.id, annotateSecrets(partial.props, inputs), partial.reasons.length ? partial.reasons : [message]);
      throw new Error(message);
    } finally {
      this.lastCallAt = Date.now();
    }
  }
}

const withoutSecrets = (bag: Bag) => revealSecrets(bag) as Bag;
