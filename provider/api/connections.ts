import { ApiError } from "../core/api-error";
import type { HttpClient } from "../core/http";
import { path, query } from "../core/path";
import type { CreateConnectionBody, UpdateConnectionBody } from "./requests";
import {
  ConnectionEnvelope,
  ConnectionList,
  Empty,
  ToggleConnectionResponse,
  type ConnectionSummaryWire,
  type ConnectionWire,
} from "./wire";

export class ConnectionsApi {
  constructor(private readonly http: HttpClient) {}

  /**
   * POST …/connections (preview endpoint): creates the connection shell, provider and type only; the
   * configuration is applied with `update`. A lost response is reconciled by `key_id` or, without one,
   * by the single unconfigured shell of the same provider and type.
   */
  async create(organizationId: string, body: CreateConnectionBody): Promise<ConnectionWire> {
    const { connection } = await this.http.send({
      method: "POST",
      path: path`/api/v1/organizations/${organizationId}/connections`,
      body,
      schema: ConnectionEnvelope,
      reconcile: async () => {
        const shell = await this.findShell(organizationId, body);
        return shell && { connection: await this.get(organizationId, shell.id) };
      },
    });
    return connection;
  }

  /** The connection a create with this body made: same key_id, or the only unconfigured shell of that provider and type. */
  async findShell(organizationId: string, body: CreateConnectionBody): Promise<ConnectionSummaryWire | undefined> {
    const connections = await this.list({ organizationId, includeAll: true });
    if (body.key_id) return connections.find((connection) => connection.key_id === body.key_id);
    const shells = connections.filter(
      (connection) => connection.provider === body.provider && connection.type === body.type && connection.status === "DRAFT" && !connection.key_id,
    );
    return shells.length === 1 ? shells[0] : undefined;
  }

  async get(organizationId: string, id: string): Promise<ConnectionWire> {
    const { connection } = await this.http.send({
      method: "GET",
      path: path`/api/v1/organizations/${organizationId}/connections/${id}`,
      schema: ConnectionEnvelope,
    });
    return connection;
  }

  /** GET /api/v1/connections (not paginated). Without includeAll the API returns only enabled, completed connections. */
  async list(filter: { organizationId?: string; domain?: string; includeAll?: boolean } = {}): Promise<ConnectionSummaryWire[]> {
    const result = await this.http.send({
      method: "GET",
      path: "/api/v1/connections" + query({ organization_id: filter.organizationId, domain: filter.domain, include: filter.includeAll ? "all" : undefined }),
      schema: ConnectionList,
    });
    return result.connections ?? [];
  }

  /** PATCH …/connections/{id} (preview endpoint): wrapper fields left out are unchanged. */
  async update(organizationId: string, id: string, body: UpdateConnectionBody): Promise<ConnectionWire> {
    const { connection } = await this.http.send({
      method: "PATCH",
      path: path`/api/v1/organizations/${organizationId}/connections/${id}`,
      body,
      schema: ConnectionEnvelope,
    });
    return connection;
  }

  enable(organizationId: string, id: string): Promise<void> {
    return this.toggle(organizationId, id, "enable");
  }

  disable(organizationId: string, id: string): Promise<void> {
    return this.toggle(organizationId, id, "disable");
  }

  private async toggle(organizationId: string, id: string, verb: "enable" | "disable"): Promise<void> {
    const togglePath = path`/api/v1/organizations/${organizationId}/connections/${id}` + `:${verb}`;
    const result = await this.http.send({ method: "PATCH", path: togglePath, schema: ToggleConnectionResponse });
    const wanted = verb === "enable";
    if (result.error_message || (result.enabled != null && result.enabled !== wanted)) {
      throw new ApiError({
        kind: "http",
        method: "PATCH",
        path: togglePath,
        status: 200,
        message: `connection could not be ${verb}d: ${result.error_message || `enabled is ${result.enabled}`}`,
      });
    }
  }

  async delete(organizationId: string, id: string): Promise<void> {
    await this.http.send({ method: "DELETE", path: path`/api/v1/organizations/${organizationId}/connections/${id}`, schema: Empty });
  }
}
