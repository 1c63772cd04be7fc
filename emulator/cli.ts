#!/usr/bin/env node
/**
 * Runs the emulator until killed:
 *   npm run emulator -- --port 8080 [--data file.db] [--latency-ms n] [--fault-rate 0..1]
 *     [--rate-limit n] [--seed n] [--client-id id] [--client-secret secret]
 *     [--mcp-resource url --mcp-scopes a,b] [--domain-verification admin|dns]
 *     [--mcp-token-issuer environment|resource] [--strict-connection-updates]
 * Prints one JSON line {"url","clientId","clientSecret"} on stdout once it accepts requests, plus
 * "mcpResourceId" with --mcp-resource; anything else goes to stderr.
 */
import { parseArgs } from "node:util";
import { startEmulator } from "./index";
import type { EmulatorOptions } from "./types";

const USAGE =
  "usage: scalekit-emulator [--port n] [--host h] [--data file] [--latency-ms n] [--fault-rate 0..1]\n" +
  "       [--rate-limit requests/min] [--seed n] [--client-id id] [--client-secret secret]\n" +
  "       [--token-ttl-seconds n] [--portal-link-ttl-seconds n]\n" +
  "       [--mcp-resource url] [--mcp-scopes scope,scope]   register (or reuse) an MCP resource\n" +
  "       [--domain-verification admin|dns]   how API-created organization domains start (default admin)\n" +
  "       [--mcp-token-issuer environment|resource]   the iss of MCP tokens (default environment)\n" +
  "       [--strict-connection-updates]   refuse connection PATCHes without type, provider and key_id\n";

interface CliOptions {
  emulator: EmulatorOptions;
  mcpResource?: { resourceUrl: string; scopes: string[] };
}

function parseOptions(argv: string[]): CliOptions {
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
      "mcp-resource": { type: "string" },
      "mcp-scopes": { type: "string" },
      "domain-verification": { type: "string" },
      "mcp-token-issuer": { type: "string" },
      "strict-connection-updates": { type: "boolean" },
      help: { type: "boolean" },
    },
  });
  if (values.help) {
    process.stderr.write(USAGE);
    process.exit(0);
  }
  if (values["mcp-scopes"] !== undefined && values["mcp-resource"] === undefined) throw new Error("--mcp-scopes needs --mcp-resource");
  const mcpResource = values["mcp-resource"] === undefined ? undefined : { resourceUrl: values["mcp-resource"], scopes: list(values["mcp-scopes"]) };
  const emulator: EmulatorOptions = {
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
    domainVerification: oneOf(values["domain-verification"], "domain-verification", { admin: "ADMIN", dns: "DNS" } as const),
    mcpTokenIssuer: oneOf(values["mcp-token-issuer"], "mcp-token-issuer", { environment: "environment", resource: "resource" } as const),
    strictConnectionUpdates: values["strict-connection-updates"],
  };
  return { emulator, mcpResource };
}

function list(text: string | undefined): string[] {
  return (text ?? "").split(",").map((item) => item.trim()).filter((item) => item !== "");
}

function oneOf<T extends Record<string, string>>(text: string | undefined, name: string, values: T): T[keyof T] | undefined {
  if (text === undefined) return undefined;
  if (!Object.hasOwn(values, text)) throw new Error(`--${name} must be one of ${Object.keys(values).join(", ")}, got "${text}"`);
  return values[text as keyof T];
}

function number(text: string | undefined, name: string): number | undefined {
  if (text === undefined) return undefined;
  const value = Number(text);
  if (!Number.isFinite(value)) throw new Error(`--${name} must be a number, got "${text}"`);
  return value;
}

async function main(): Promise<void> {
  let options: CliOptions;
  try {
    options = parseOptions(process.argv.slice(2));
  } catch (err) {
    process.stderr.write(`${(err as Error).message}\n${USAGE}`);
    process.exit(2);
  }
  const emulator = await startEmulator(options.emulator);
  let mcpResourceId: string | undefined;
  if (options.mcpResource) {
    try {
      mcpResourceId = (emulator.mcp.findResourceByUrl(options.mcpResource.resourceUrl) ?? emulator.mcp.registerResource(options.mcpResource)).id;
    } catch (err) {
      await emulator.close();
      process.stderr.write(`--mcp-resource: ${(err as Error).message}\n`);
      process.exit(2);
    }
  }
  const stop = () => {
    emulator.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
  process.stdout.write(`${JSON.stringify({ url: emulator.url, clientId: emulator.clientId, clientSecret: emulator.clientSecret, mcpResourceId })}\n`);
  process.stderr.write(`scalekit emulator listening on ${emulator.url}${options.emulator.dataFile ? ` (data: ${options.emulator.dataFile})` : ""}\n`);
}

main().catch((err: unknown) => {
  process.stderr.write(`emulator failed to start: ${(err as Error).stack ?? String(err)}\n`);
  process.exit(1);
});
