import { ApiError, invalidField, notFound } from "../../errors";
import { readQuery } from "../../http/query";
import { jsonBody, ok, type ApiRequest, type Reply, type RouteTable } from "../../http/route-table";
import { readMessage } from "../../http/wire-message";
import { requireOrganization } from "../organizations/lookup";
import { applyConnectionUpdate } from "./apply-update";
import { UNSUPPORTED_TYPES, type ConnectionProvider, type ConnectionType } from "./enums";
import { CREATE_CONNECTION, UPDATE_CONNECTION } from "./messages";
import type { ConnectionRecord } from "./record";
import { assertKeyIdUnclaimed } from "./rules";
import { connectionStatus, missingConfiguration } from "./status";
import { connectionToWire, listConnectionToWire } from "./wire";

export function registerConnectionRoutes(routes: RouteTable): void {
  const base = "/api/v1/organizations/{organization_id}/connections";
  routes
    .add("POST", base, createConnection)
    .add("GET", `${base}/{id}`, getConnection)
    .add("PATCH", `${base}/{id}`, updateConnection)
    .add("PATCH", `${base}/{id}:enable`, enableConnection)
    .add("PATCH", `${base}/{id}:disable`, disableConnection)
    .add("DELETE", `${base}/{id}`, deleteConnection)
    .add("GET", "/api/v1/connections", listConnections);
}

function createConnection(request: ApiRequest): Reply {
  readQuery(request.query, {});
  const body = readMessage(jsonBody(request), CREATE_CONNECTION);
  if (body.provider == null) throw invalidField("provider", "is required");
  if (body.type == null) throw invalidField("type", "is required");
  const type = body.type as ConnectionType;
  if (UNSUPPORTED_TYPES.includes(type)) throw invalidField("type", "OAUTH, PASSWORDLESS and WEBAUTHN are not supported yet");
  const { env } = request;
  return env.transaction(() => {
    const org = requireOrganization(env, request.params.organization_id);
    const now = new Date().toISOString();
    const conn: ConnectionRecord = {
      id: env.ids.next("conn"),
      organization_id: org.id,
      provider: body.provider as ConnectionProvider,
      type,
      enabled: false,
      debug_enabled: false,
      attribute_mapping: {},
      provider_key: (body.provider_key as string | null | undefined) ?? "",
      create_time: now,
      update_time: now,
    };
    if (body.key_id != null) {
      assertKeyIdUnclaimed(env, body.key_id as string);
      conn.key_id = body.key_id as string;
    }
    env.connections.insert(conn, org.id);
    return ok({ connection: connectionToWire(env, conn) }, 201);
  });
}

function getConnection(request: ApiRequest): Reply {
  readQuery(request.query, {});
  return ok({ connection: connectionToWire(request.env, requireConnection(request)) });
}

function updateConnection(request: ApiRequest): Reply {
  readQuery(request.query, {});
  const body = readMessage(jsonBody(request), UPDATE_CONNECTION);
  const { env } = request;
  return env.transaction(() => {
    const conn = requireConnection(request);
    if (env.strictConnectionUpdates) requireIdentity(conn, body);
    if (typeof body.key_id === "string") assertKeyIdUnclaimed(env, body.key_id, conn.id);
    applyConnectionUpdate(conn, body, env.ids);
    conn.update_time = new Date().toISOString();
    env.connections.update(conn);
    return ok({ connection: connectionToWire(env, conn) });
  });
}

/** The strict reading of the connection PATCH: it names what the connection is, as every public caller does. */
function requireIdentity(conn: ConnectionRecord, body: Record<string, unknown>): void {
  for (const name of ["type", "provider"] as const) {
    if (body[name] == null) throw invalidField(name, `is required in a connection update (the connection's is ${conn[name]})`);
  }
  if (conn.key_id !== undefined && body.key_id == null) throw invalidField("key_id", `is required in an update of a connection that has one (${conn.key_id})`);
}

function enableConnection(request: ApiRequest): Reply {
  readQuery(request.query, {});
  const { env } = request;
  return env.transaction(() => {
    const conn = requireConnection(request);
    const missing = missingConfiguration(conn);
    if (missing.length > 0) {
      throw new ApiError(
        "FAILED_PRECONDITION",
        `connection ${conn.id} cannot be enabled: its configuration is incomplete (status ${connectionStatus(conn)}); set ${missing.join(", ")}`,
        { violations: missing.map((field) => ({ field, description: "is required before the connection can be enabled" })) },
      );
    }
    return ok(toggle(request, conn, true));
  });
}

function disableConnection(request: ApiRequest): Reply {
  readQuery(request.query, {});
  return request.env.transaction(() => ok(toggle(request, requireConnection(request), false)));
}

function toggle(request: ApiRequest, conn: ConnectionRecord, enabled: boolean): { enabled: boolean } {
  if (conn.enabled !== enabled) {
    conn.enabled = enabled;
    conn.update_time = new Date().toISOString();
    request.env.connections.update(conn);
  }
  return { enabled };
}

function deleteConnection(request: ApiRequest): Reply {
  readQuery(request.query, {});
  const conn = requireConnection(request);
  request.env.connections.delete(conn.id);
  return ok({});
}

function listConnections(request: ApiRequest): Reply {
  const query = readQuery(request.query, { organization_id: "string", domain: "string", include: "string" });
  for (const name of ["organization_id", "domain"] as const) {
    const value = query[name] as string | undefined;
    if (value !== undefined && (value.length < 1 || value.length > 32)) throw invalidField(name, "must be 1-32 characters");
  }
  const include = query.include as string | undefined;
  if (include !== undefined && include !== "all") throw invalidField("include", 'the only supported value is "all"');
  const { env } = request;
  let organizationIds: string[] | undefined;
  if (query.domain !== undefined) {
    organizationIds = env.domains.findBy("domain", (query.domain as string).toLowerCase()).map((d) => d.organization_id);
  }
  if (query.organization_id !== undefined) {
    const orgId = query.organization_id as string;
    organizationIds = (organizationIds ?? [orgId]).filter((id) => id === orgId);
  }
  const candidates = organizationIds === undefined ? env.connections.list() : organizationIds.flatMap((id) => env.connections.list(id));
  const visible = include === "all" ? candidates : candidates.filter((c) => c.enabled && connectionStatus(c) === "COMPLETED");
  const names = new Map<string, string>();
  const orgName = (id: string) => {
    if (!names.has(id)) names.set(id, env.organizations.get(id)?.display_name ?? "");
    return names.get(id) as string;
  };
  return ok({ connections: visible.map((c) => listConnectionToWire(env, c, orgName(c.organization_id))) });
}

function requireConnection(request: ApiRequest): ConnectionRecord {
  const org = requireOrganization(request.env, request.params.organization_id);
  const conn = request.env.connections.get(request.params.id);
  if (!conn || conn.organization_id !== org.id) throw notFound("connection", request.params.id);
  return conn;
}
