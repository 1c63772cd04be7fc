import type { IncomingHttpHeaders } from "node:http";
import type { JWTPayload } from "jose";
import type { Environment } from "../environment";
import { parseJsonBody } from "./body";
import { Router, type PathParams } from "./router";

export interface ApiRequest {
  env: Environment;
  method: string;
  path: string;
  params: PathParams;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  rawBody: Buffer;
  /** Claims of the verified bearer token on routes that require one. */
  claims?: JWTPayload;
}

export interface Reply {
  status: number;
  json?: unknown;
  html?: string;
  headers?: Record<string, string>;
}

export type Handler = (request: ApiRequest) => Reply | Promise<Reply>;

export interface RouteDefinition {
  handler: Handler;
  /** "bearer": an access token issued by this environment is required. */
  auth: "bearer" | "none";
}

/** Where API areas register their routes; the server owns the matching and the pipeline. */
export class RouteTable {
  readonly router = new Router<RouteDefinition>();

  add(method: string, template: string, handler: Handler, auth: RouteDefinition["auth"] = "bearer"): this {
    this.router.add(method, template, { handler, auth });
    return this;
  }
}

export function jsonBody(request: ApiRequest): unknown {
  return parseJsonBody(request.rawBody);
}

export function ok(json: unknown, status = 200): Reply {
  return { status, json };
}
