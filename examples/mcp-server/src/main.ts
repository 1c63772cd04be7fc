import { createApp } from "./app";
import { ConfigError, loadConfig, type ServerConfig } from "./config";
import { createLogger } from "./log";

const log = createLogger();

function readConfig(): ServerConfig {
  try {
    return loadConfig(process.env);
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    log.error("invalid_configuration", { message: err.message, problems: err.problems });
    process.exit(1);
  }
}

const config = readConfig();
const server = createApp(config, { log }).listen(config.port, config.host, (error) => {
  if (error) {
    log.error("listen_failed", { port: config.port, host: config.host, reason: error.message });
    process.exit(1);
  }
  log.info("listening", {
    port: config.port,
    resource: config.resourceUrl,
    authorization_server: `${config.environmentUrl}/resources/${config.resourceId}`,
    audiences: config.audiences,
    organization_names: config.managementClient !== undefined,
  });
  if (config.environmentUrl.startsWith("http:") && !/^http:\/\/(localhost|127\.|\[::1\])/.test(config.environmentUrl)) {
    log.warn("insecure_environment_url", { message: "SK_ENV_URL is plain http: signing keys can be tampered with in transit; use https outside local testing" });
  }
});

function shutdown(signal: string): void {
  log.info("stopping", { signal });
  server.close(() => process.exit(0));
  server.closeAllConnections();
}
process.once("SIGTERM", () => shutdown("SIGTERM"));
process.once("SIGINT", () => shutdown("SIGINT"));
