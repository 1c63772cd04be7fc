import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { ApiError } from "./errors";
import type { Environment } from "./environment";
import { FaultPlan, type ChosenFault } from "./faults/fault-plan";
import { RateLimiter } from "./faults/rate-limiter";
import { readBody } from "./http/body";
import { sendApiError, sendHtml, sendJson } from "./http/respond";
import { RouteTable, type ApiRequest, type Reply } from "./http/route-table";
import { authenticate } from "./auth/bearer";
import type { RequestLogEntry } from "./types";

export interface PipelineSettings {
  latencyMs: number;
  faults: FaultPlan;
  rateLimiter?: RateLimiter;
  rateLimitRetryAfter: boolean;
}

/**
 * The HTTP front of an emulated environment. Every request is logged, then (for /api/v1) run through
 * scripted faults, the rate limiter and random faults before routing, bearer authentication and the
 * handler; its answer (or dropped connection) leaves no earlier than the configured latency after it
 * arrived, so the latency includes the emulator's own processing, as a real API's does.
 */
export class EmulatorServer {
  readonly requestLog: RequestLogEntry[] = [];
  get faults(): FaultPlan {
    return this.settings.faults;
  }
  private readonly server: Server;

  constructor(
    private readonly env: Environment,
    readonly routes: RouteTable,
    private readonly settings: PipelineSettings,
  ) {
    this.server = createServer((req, res) => {
      void this.handle(req, res);
    });
  }

  listen(port: number, host: string): Promise<AddressInfo> {
    return new Promise((resolve, reject) => {
      this.server.once("error", reject);
      this.server.listen(port, host, () => {
        this.server.off("error", reject);
        resolve(this.server.address() as AddressInfo);
      });
    });
  }

  close(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? "/", "http://emulator");
    const method = req.method ?? "GET";
    const entry: RequestLogEntry = { method, path: url.pathname, query: url.search.slice(1), status: 0, at: Date.now() };
    this.requestLog.push(entry);
    res.on("finish", () => {
      entry.status = res.statusCode;
    });
    const due = () => delay(entry.at + this.settings.latencyMs - Date.now());
    try {
      const isApi = url.pathname === "/api/v1" || url.pathname.startsWith("/api/v1/");
      const fault = this.chooseFault(method, url.pathname, isApi);
      if (fault instanceof ApiError) {
        await due();
        return sendApiError(res, fault);
      }
      if (fault) entry.fault = fault.kind;
      if (fault && fault.kind !== "lost-response") {
        await due();
        return fault.kind === "reset" ? dropConnection(req) : sendFault(res, fault);
      }
      const reply = await this.dispatch(req, method, url);
      await due();
      // lost-response: the write above is committed, but the client never hears about it.
      if (fault?.kind === "lost-response") return dropConnection(req);
      send(res, reply);
    } catch (err) {
      if (!res.headersSent) sendApiError(res, new ApiError("INTERNAL", `emulator error: ${(err as Error).message}`));
    }
  }

  /** The fault for this request: an injected one, or the rate limiter's refusal. */
  private chooseFault(method: string, path: string, isApi: boolean): ChosenFault | ApiError | undefined {
    const scripted = this.settings.faults.takeScripted(method, path, isApi);
    if (scripted || !isApi) return scripted;
    const limited = this.settings.rateLimiter?.take();
    if (limited && !limited.allowed) {
      const headers: Record<string, string> = this.settings.rateLimitRetryAfter ? { "retry-after": String(limited.retryAfterSeconds) } : {};
      return new ApiError("RESOURCE_EXHAUSTED", "rate limit exceeded", { headers });
    }
    return this.settings.faults.drawRandom();
  }

  private async dispatch(req: IncomingMessage, method: string, url: URL): Promise<Reply> {
    try {
      const match = matchRoute(this.routes, method, url.pathname);
      const rawBody = await readBody(req);
      const request: ApiRequest = {
        env: this.env,
        method,
        path: url.pathname,
        params: match.params,
        query: url.searchParams,
        headers: req.headers,
        rawBody,
      };
      if (match.auth === "bearer") request.claims = await authenticate(this.env, req.headers.authorization);
      return await match.handler(request);
    } catch (err) {
      const error = err instanceof ApiError ? err : new ApiError("INTERNAL", `emulator error: ${(err as Error).message}`);
      return { status: error.httpStatus, json: error.toBody(), headers: error.headers };
    }
  }
}

function matchRoute(routes: RouteTable, method: string, pathname: string) {
  let match;
  try {
    match = routes.router.match(method, pathname);
  } catch {
    throw new ApiError("INVALID_ARGUMENT", "malformed percent-encoding in the request path");
  }
  if (match.kind === "not-found") throw new ApiError("NOT_FOUND", "Not Found");
  // grpc-gateway answers a known path with the wrong method with 405 and code UNIMPLEMENTED.
  if (match.kind === "method-not-allowed") throw new ApiError("UNIMPLEMENTED", "Method Not Allowed", { httpStatus: 405 });
  return { ...match.handler, params: match.params };
}

function sendFault(res: ServerResponse, fault: ChosenFault): void {
  const retryAfter = fault.retryAfterSeconds ?? (fault.kind === "rate-limit-retry-after" ? 1 : undefined);
  const headers: Record<string, string> = retryAfter === undefined ? {} : { "retry-after": String(retryAfter) };
  switch (fault.kind) {
    case "rate-limit":
    case "rate-limit-retry-after":
      return sendApiError(res, new ApiError("RESOURCE_EXHAUSTED", "rate limit exceeded", { headers }));
    case "unavailable":
      return sendApiError(res, new ApiError("UNAVAILABLE", "service unavailable", { headers }));
    case "internal":
      return sendApiError(res, new ApiError("INTERNAL", "internal error"));
    case "permission-denied":
      return sendApiError(res, new ApiError("PERMISSION_DENIED", "permission denied"));
    case "gone":
      return sendApiError(res, new ApiError("NOT_FOUND", "gone", { httpStatus: 410 }));
    case "bad-gateway":
      // What a load balancer in front of the API sends: not the API's JSON error shape.
      return sendHtml(res, 502, "<html><head><title>502 Bad Gateway</title></head><body><h1>502 Bad Gateway</h1></body></html>\n");
    default:
      throw new Error(`fault ${fault.kind} has no response`);
  }
}

function send(res: ServerResponse, reply: Reply): void {
  if (reply.html !== undefined) return sendHtml(res, reply.status, reply.html);
  sendJson(res, reply.status, reply.json ?? {}, reply.headers);
}

function dropConnection(req: IncomingMessage): void {
  req.socket.destroy();
}

function delay(ms: number): Promise<void> {
  return ms > 0 ? new Promise((resolve) => setTimeout(resolve, ms)) : Promise.resolve();
}
