import { Agent, createServer, request, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

/** What one shard sent to the environment. */
export interface ShardTraffic {
  /** Management API requests (`/api/…`), whatever their answer. */
  apiCalls: number;
  /** Of those, the ones the environment refused with 429. */
  throttled: number;
  tokenRequests: number;
}

/**
 * A counting pass-through between one shard and the environment: the shard's provider is pointed at
 * it, so the requests of each shard are told apart (they all use the same API client against the
 * same emulator). It forwards every request as is and limits nothing. A measuring device of the
 * benchmark, on loopback.
 */
export class TrafficMeter {
  readonly traffic: ShardTraffic = { apiCalls: 0, throttled: 0, tokenRequests: 0 };
  private readonly agent = new Agent({ keepAlive: true, maxSockets: 64 });

  private constructor(
    private readonly server: Server,
    readonly url: string,
  ) {}

  static async start(environmentUrl: string): Promise<TrafficMeter> {
    const target = new URL(environmentUrl);
    let meter: TrafficMeter | undefined;
    const server = createServer((incoming, outgoing) => meter!.forward(target, incoming, outgoing));
    await new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      server.listen(0, "127.0.0.1", () => resolve());
    });
    meter = new TrafficMeter(server, `http://127.0.0.1:${(server.address() as AddressInfo).port}`);
    return meter;
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
    this.agent.destroy();
  }

  private forward(target: URL, incoming: IncomingMessage, outgoing: ServerResponse): void {
    const path = incoming.url ?? "/";
    const api = path.startsWith("/api/");
    if (api) this.traffic.apiCalls++;
    if (path.startsWith("/oauth/token")) this.traffic.tokenRequests++;
    const upstream = request(
      { host: target.hostname, port: target.port, method: incoming.method, path, headers: { ...incoming.headers, host: target.host }, agent: this.agent },
      (answer) => {
        if (api && answer.statusCode === 429) this.traffic.throttled++;
        outgoing.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(outgoing);
      },
    );
    upstream.once("error", () => outgoing.destroy());
    incoming.pipe(upstream);
  }
}
