import type { HttpClient } from "../core/http";
import { path, query } from "../core/path";
import type { CreateResourceBody, UpdateResourceBody } from "./requests";
import { Empty, ResourceEnvelope, ResourcePage, type ResourceWire } from "./wire";

/** Scalekit's page size limit for resources. */
const MAX_PAGE_SIZE = 30;

/**
 * MCP servers registered with Scalekit: `/api/v1/resources` (Scalekit's `ClientService`, marked PREVIEW
 * in its protobuf descriptors, not in the public API reference; scalekit-inc/scalekit-mcp-server
 * `src/tools/resource.ts` calls it the same way).
 */
export class ResourcesApi {
  constructor(private readonly http: HttpClient) {}

  /** POST /api/v1/resources; a lost response is reconciled by looking the server URL up. */
  async create(body: CreateResourceBody): Promise<ResourceWire> {
    const { resource } = await this.http.send({
      method: "POST",
      path: "/api/v1/resources",
      body,
      schema: ResourceEnvelope,
      reconcile: async () => {
        const found = await this.findByServerUrl(body.resource_id);
        return found && { resource: found };
      },
    });
    return resource;
  }

  async get(id: string): Promise<ResourceWire> {
    const { resource } = await this.http.send({ method: "GET", path: path`/api/v1/resources/${id}`, schema: ResourceEnvelope });
    return resource;
  }

  /** Every MCP server of the environment, following page tokens. */
  async *listMcpServers(): AsyncGenerator<ResourceWire> {
    let pageToken: string | undefined;
    do {
      const page = await this.http.send({
        method: "GET",
        path: "/api/v1/resources" + query({ resource_type: "MCP_SERVER", page_size: MAX_PAGE_SIZE, page_token: pageToken }),
        schema: ResourcePage,
      });
      yield* page.resources ?? [];
      pageToken = page.next_page_token || undefined;
    } while (pageToken);
  }

  /** The MCP server registered for this URL, if any. */
  async findByServerUrl(serverUrl: string): Promise<ResourceWire | undefined> {
    for await (const resource of this.listMcpServers()) {
      if (resource.resource_id === serverUrl) return resource;
    }
    return undefined;
  }

  async update(id: string, body: UpdateResourceBody): Promise<ResourceWire> {
    const { resource } = await this.http.send({ method: "PATCH", path: path`/api/v1/resources/${id}`, body, schema: ResourceEnvelope });
    return resource;
  }

  async delete(id: string): Promise<void> {
    await this.http.send({ method: "DELETE", path: path`/api/v1/resources/${id}`, schema: Empty });
  }
}
