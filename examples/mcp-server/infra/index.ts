// The MCP server stack (Pulumi.yaml): the server registered with Scalekit (an McpServer), its image
// built from ../Dockerfile, and a container running it with the resource id the registration got.
import * as path from "node:path";
import { deployNotesServer } from "./notes-server";
import { registerNotesServer } from "./registration";
import { readStackConfig } from "./stack-config";

/** The server's folder: the image's build context, with its Dockerfile. */
const appDir = path.resolve(__dirname, "..");
const settings = readStackConfig(appDir);
const registration = registerNotesServer(settings);
const server = deployNotesServer(settings, registration.resourceId);

export const serverUrl = server.serverUrl;
export const mcpUrl = server.mcpUrl;
export const metadataUrl = server.metadataUrl;
export const containerName = server.container.name;
export const resourceId = registration.resourceId;
export const authorizationServerUrl = registration.authorizationServerUrl;
