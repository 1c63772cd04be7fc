import type { RequestLogEntry } from "pulumi-scalekit-emulator";
import { emulatorCommand } from "../package-root";
import { startEmulatorProcess, type RunningEmulator } from "../up/emulator-process";
import type { BenchOptions } from "./options";

/**
 * The emulator in a process of its own, as a remote API would be: its work does not compete with the
 * engine's for this process's event loop. Its request log is read over its emulator-only route.
 */
export class RemoteEmulator {
  private token?: string;

  private constructor(private readonly running: RunningEmulator) {}

  static async start(options: BenchOptions): Promise<RemoteEmulator> {
    const args = ["--port", "0", "--seed", String(options.seed), "--latency-ms", String(options.latencyMs), "--fault-rate", String(options.faultRate)];
    if (options.rateLimit) args.push("--rate-limit", String(options.rateLimit));
    return new RemoteEmulator(await startEmulatorProcess({ script: emulatorCommand(), args, port: 0 }));
  }

  /** An emulator started already (by startEmulatorProcess), for its request log. */
  static attach(running: RunningEmulator): RemoteEmulator {
    return new RemoteEmulator(running);
  }

  get url(): string {
    return this.running.url;
  }

  get credentials() {
    return { environmentUrl: this.running.url, clientId: this.running.clientId, clientSecret: this.running.clientSecret };
  }

  /** Requests from index `since` on (all of them by default). */
  async requests(since = 0): Promise<RequestLogEntry[]> {
    const response = await fetch(`${this.url}/_emulator/requests?since=${since}`, { headers: { authorization: `Bearer ${await this.bearer()}` } });
    if (!response.ok) throw new Error(`reading the emulator's request log failed: HTTP ${response.status}`);
    return ((await response.json()) as { requests: RequestLogEntry[] }).requests;
  }

  /** How many requests the emulator has seen so far. */
  async requestCount(): Promise<number> {
    const response = await fetch(`${this.url}/_emulator/requests?since=${Number.MAX_SAFE_INTEGER}`, { headers: { authorization: `Bearer ${await this.bearer()}` } });
    return ((await response.json()) as { next: number }).next;
  }

  stop(): Promise<void> {
    return this.running.stop();
  }

  private async bearer(): Promise<string> {
    if (!this.token) {
      const form = new URLSearchParams({ grant_type: "client_credentials", client_id: this.running.clientId, client_secret: this.running.clientSecret });
      const response = await fetch(`${this.url}/oauth/token`, { method: "POST", body: form });
      this.token = ((await response.json()) as { access_token: string }).access_token;
    }
    return this.token;
  }
}
