// The MCP server stack (Pulumi.yaml): the server registered with Scalekit (an McpServer), its image
// built from ./Dockerfile, and a container running it with the resource id the registration got.
import { deployNotesServer } from "./infra/notes-server";
import { registerNotesServer } from "./infra/registration";
import { readStackConfig } from "./infra/stack-config";

const settings = readStackConfig(__dirname);
const registration = registerNotesServer(settings);
const server = deployNotesServer(settings, registration.resourceId);

export const serverUrl = server.serverUrl;
export const mcpUrl = server.mcpUrl;
export const metadataUrl = server.metadataUrl;
export const containerName = server.container.name;
export const resourceId = registration.resourceId;
export const authorizationServerUrl = registration.authorizationServerUrl;
