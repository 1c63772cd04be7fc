import { z } from "zod";
import type { DiffRules } from "../../core/diff";
import { secureUrlField } from "../../core/field-rules";
import { outputKeys } from "../pulumi-args";

/** `Scope.name` in Scalekit's protos. */
const SCOPE_NAME = /^[a-zA-Z0-9:]{1,64}$/;

const lifetime = (min: number, max: number) =>
  z.number().int("must be a whole number of seconds").min(min, `must be at least ${min} seconds`).max(max, `must be at most ${max} seconds`);

export const McpServerInputs = z
  .object({
    /** Shown to users on the consent screen and in the dashboard. */
    name: z.string().trim().min(1, "must not be empty").max(128, "must be at most 128 characters"),
    description: z.string().max(512, "must be at most 512 characters").optional(),
    /**
     * The URL MCP clients connect to (e.g. https://mcp.acme.com/mcp): the `resource` they ask tokens
     * for and the tokens' `aud`. Unique in the environment.
     */
    serverUrl: secureUrlField.refine((value) => !value.includes("#"), "must not have a fragment (RFC 8707)"),
    /** The scopes clients may ask for, e.g. notes:read. */
    scopes: z
      .array(z.string().regex(SCOPE_NAME, "scopes must be 1–64 letters, digits or colons (e.g. notes:read)"))
      .default([])
      .transform((scopes) => [...new Set(scopes)].sort()),
    /** Lifetime of access tokens; Scalekit suggests 300–3600. Left unset, Scalekit's default applies and is not managed. */
    accessTokenLifetimeSeconds: lifetime(60, 86400).optional(),
    /** Lifetime of refresh tokens (issued to clients that ask for offline_access). Left unset: Scalekit's default, not managed. */
    refreshTokenLifetimeSeconds: lifetime(60, 31_536_000).optional(),
    /** Let MCP clients register themselves (dynamic client registration, RFC 7591). Default true. */
    dynamicClientRegistration: z.boolean().default(true),
    /** Accept clients identified by a client ID metadata document URL. Left unset: not managed. */
    clientIdMetadataDocuments: z.boolean().optional(),
  })
  .strict();

export type McpServerInputs = z.output<typeof McpServerInputs>;

export interface McpServerOutputs extends McpServerInputs {
  /** Scalekit's id of the registration (`res_…`): the server's MCP_SERVER_ID. */
  resourceId: string;
  /** `{env}/resources/{resourceId}`: what the server lists in `authorization_servers` of its protected resource metadata. */
  authorizationServerUrl: string;
  /** `{env}/.well-known/oauth-authorization-server/resources/{resourceId}` (RFC 8414), where MCP clients discover the authorization server. */
  authorizationServerMetadataUrl: string;
  /** Where the server publishes its protected resource metadata (RFC 9728), e.g. https://mcp.acme.com/.well-known/oauth-protected-resource/mcp. */
  protectedResourceMetadataUrl: string;
  createTime?: string;
}

/** Scalekit updates every field in place; lifetimes and CIMD left out of the program are not managed. */
export const MCP_SERVER_DIFF_RULES: DiffRules<McpServerInputs> = {
  name: {},
  description: {},
  serverUrl: {},
  scopes: {},
  accessTokenLifetimeSeconds: { unmanagedWhenOmitted: true },
  refreshTokenLifetimeSeconds: { unmanagedWhenOmitted: true },
  dynamicClientRegistration: {},
  clientIdMetadataDocuments: { unmanagedWhenOmitted: true },
};

export const MCP_SERVER_OUTPUT_KEYS = outputKeys<McpServerOutputs>()([
  "name", "description", "serverUrl", "scopes", "accessTokenLifetimeSeconds", "refreshTokenLifetimeSeconds", "dynamicClientRegistration",
  "clientIdMetadataDocuments", "resourceId", "authorizationServerUrl", "authorizationServerMetadataUrl", "protectedResourceMetadataUrl", "createTime",
]);
