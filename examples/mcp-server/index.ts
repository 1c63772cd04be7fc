// The MCP server stack (Pulumi.yaml): the server's image built from ./Dockerfile and a container running it.
import { deployNotesServer } from "./infra/notes-server";
import { readStackConfig } from "./infra/stack-config";

const server = deployNotesServer(readStackConfig(__dirname));

export const serverUrl = server.serverUrl;
export const mcpUrl = server.mcpUrl;
export const metadataUrl = server.metadataUrl;
export const containerName = server.container.name;
