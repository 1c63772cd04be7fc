import type { ServerConfig } from "./config";

export const PROTECTED_RESOURCE_PATH = "/.well-known/oauth-protected-resource";

/** RFC 9728 protected resource metadata: where a client finds the Scalekit authorization server for this server. */
export function protectedResourceMetadata(config: ServerConfig): Record<string, unknown> {
  return {
    resource: config.resourceUrl,
    authorization_servers: [`${config.environmentUrl}/resources/${config.resourceId}`],
    bearer_methods_supported: ["header"],
    scopes_supported: config.scopesSupported,
    ...(config.resourceDocumentation ? { resource_documentation: config.resourceDocumentation } : {}),
  };
}

export function protectedResourceMetadataUrl(config: ServerConfig): string {
  return `${config.publicUrl}${PROTECTED_RESOURCE_PATH}`;
}
