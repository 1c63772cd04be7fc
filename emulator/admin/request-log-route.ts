import { ok, type RouteTable } from "../http/route-table";
import { readQuery } from "../http/query";
import type { RequestLogEntry } from "../types";

/**
 * Emulator-only: the request log over HTTP (`GET /_emulator/requests?since=<index>`), for a process
 * that drives an emulator started from the CLI (the benchmark). Method, path, query and status only.
 */
export function registerRequestLogRoute(routes: RouteTable, log: () => readonly RequestLogEntry[]): void {
  routes.add("GET", "/_emulator/requests", (request) => {
    const { since } = readQuery(request.query, { since: "int" });
    const entries = log();
    const start = Math.max(0, Number(since ?? 0));
    return ok({ next: entries.length, requests: entries.slice(start) });
  });
}
