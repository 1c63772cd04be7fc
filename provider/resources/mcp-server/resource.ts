import * as pulumi from "@pulumi/pulumi";
import type { z } from "zod";
import { scalekitProvider } from "../../shim";
import { outputPlaceholders, type OutputProperties, type PulumiArgs } from "../pulumi-args";
import { MCP_SERVER_OUTPUT_KEYS, type McpServerInputs, type McpServerOutputs } from "./schema";

export type McpServerArgs = PulumiArgs<z.input<typeof McpServerInputs>>;

const provider = scalekitProvider("McpServer");

export interface McpServer extends OutputProperties<McpServerOutputs> {}

/**
 * An MCP server registered with Scalekit as an OAuth-protected resource (what the dashboard's
 * "MCP Servers → add a server" does), through Scalekit's preview `/api/v1/resources` endpoint. Its
 * `resourceId` is the server's MCP_SERVER_ID; an existing registration of the same URL is adopted.
 */
export class McpServer extends pulumi.dynamic.Resource {
  constructor(name: string, args: McpServerArgs, opts?: pulumi.CustomResourceOptions) {
    super(provider, name, { ...outputPlaceholders(MCP_SERVER_OUTPUT_KEYS), ...args }, opts, "scalekit", "McpServer");
  }
}
