#!/usr/bin/env node
/**
 * Runs the emulator until killed:
 *   npm run emulator -- --port 8080 [--data file.db] [--latency-ms n] [--fault-rate 0..1]
 *     [--rate-limit n] [--seed n] [--client-id id] [--client-secret secret]
 * Prints one JSON line {"url","clientId","clientSecret"} on stdout once it accepts requests;
 * anything else goes to stderr.
 */
import { parseArgs } from "node:util";
import { startEmulator } from "./index";
import type { EmulatorOptions } from "./types";

const USAGE =
  "usage: node dist/emulator/cli.js [--port n] [--host h] [--data file] [--latency-ms n] [--fault-rate 0..1]\n" +
  "       [--rate-limit requests/min] [--seed n] [--client-id id] [--client-secret secret]\n" +
  "       [--token-ttl-seconds n] [--portal-link-ttl-seconds n]\n";

function parseOptions(argv: string[]): EmulatorOptions {
  const { values } = parseArgs({
    args: argv,
    strict: true,
    options: {
      port: { type: "string" },
      host: { type: "string" },
      data: { type: "string" },
      "latency-ms": { type: "string" },
      "fault-rate": { type: "string" },
      "rate-limit": { type: "string" },
      seed: { type: "string" },
      "client-id": { type: "string" },
      "client-secret": { type: "string" },
      "token-ttl-seconds": { type: "string" },
      "portal-link-ttl-seconds": { type: "string" },
      help: { type: "boolean" },
    },
  });
  if (values.help) {
    process.stderr.write(USAGE);
    process.exit(0);
  }
  return {
    port: number(values.port, "port"),
    host: values.host,
    dataFile: values.data,
    latencyMs: number(values["latency-ms"], "latency-ms"),
    faultRate: number(values["fault-rate"], "fault-rate"),
    rateLimit: number(values["rate-limit"], "rate-limit"),
    seed: number(values.seed, "seed"),
    clientId: values["client-id"],
    clientSecret: values["client-secret"],
    tokenTtlSeconds: number(values["token-ttl-seconds"], "token-ttl-seconds"),
    portalLinkTtlSeconds: number(values["portal-link-ttl-seconds"], "portal-link-ttl-seconds"),
  };
}

function number(text: string | undefined, name: string): number | undefined {
  if (text === undefined) return undefined;
  const value = Number(text);
  if (!Number.isFinite(value)) throw new Error(`--${name} must be a number, got "${text}"`);
  return value;
}

async function main(): Promise<void> {
  let options: EmulatorOptions;
  try {
    options = parseOptions(process.argv.slice(2));
  } catch (err) {
    process.stderr.write(`${(err as Error).message}\n${USAGE}`);
    process.exit(2);
  }
  const emulator = await startEmulator(options);
  const stop = () => {
    emulator.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
  process.stdout.write(`${JSON.stringify({ url: emulator.url, clientId: emulator.clientId, clientSecret: emulator.clientSecret })}\n`);
  process.stderr.write(`scalekit emulator listening on ${emulator.url}${options.dataFile ? ` (data: ${options.dataFile})` : ""}\n`);
}

main().catch((err: unknown) => {
  process.stderr.write(`emulator failed to start: ${(err as Error).stack ?? String(err)}\n`);
  process.exit(1);
});
