import type { RequestHandler } from "express";
import type { Logger } from "./log";

/**
 * One `request` line per response. Later middleware adds the caller and tool to
 * `res.locals.logFields`; headers are never logged, so neither is the Authorization header.
 */
export function requestLog(log: Logger): RequestHandler {
  return (req, res, next) => {
    const started = process.hrtime.bigint();
    res.locals.logFields = {};
    res.on("finish", () => {
      const durationMs = Number(process.hrtime.bigint() - started) / 1e6;
      log.info("request", { method: req.method, path: req.path, status: res.statusCode, duration_ms: Math.round(durationMs * 10) / 10, ...res.locals.logFields });
    });
    next();
  };
}
