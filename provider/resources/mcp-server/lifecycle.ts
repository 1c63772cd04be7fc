import type { ResourceWire } from "../../api/wire";
import { isConflict } from "../../core/api-error";
import { checkInputs } from "../../core/check";
import { changedFields, diffByRules } from "../../core/diff";
import { deleteIfPresent, readLive, type ResourceContext, type ResourceLifecycle } from "../lifecycle";
import { observedInputs, toCreateBody, toOutputs, toUpdateBody } from "./mapping";
import { MCP_SERVER_DIFF_RULES, McpServerInputs, type McpServerOutputs } from "./schema";

/**
 * MCP server: one POST to `/api/v1/resources` (`resource_type: MCP_SERVER`); id `res_…`. Scalekit keeps
 * one registration per server URL, so a create that finds the URL taken adopts that registration (a
 * server registered in the dashboard, or the create of an interrupted `up`) and converges it.
 */
export const mcpServerLifecycle: ResourceLifecycle<McpServerInputs, McpServerOutputs> = {
  async check(_olds, news) {
    return checkInputs(McpServerInputs, news);
  },

  diff(_id, olds, news) {
    return diffByRules(MCP_SERVER_DIFF_RULES, olds, news);
  },

  async create(inputs, context) {
    const live = await createOrAdopt(inputs, context);
    return { id: live.id, outs: toOutputs(inputs, live, environmentUrl(context)) };
  },

  async read(id, props, context) {
    const live = await readLive("MCP server", id, () => context.client().resources.get(id), context);
    if (!live) return {};
    const inputs = observedInputs(live, props);
    return { id, props: toOutputs(inputs, live, environmentUrl(context)), inputs };
  },

  async update(id, olds, news, context) {
    const body = toUpdateBody(news, changedFields(MCP_SERVER_DIFF_RULES, olds, news));
    // Nothing to write (only the provider's code changed): the registration is as it was, no call.
    const live: ResourceWire = Object.keys(body).length
      ? await context.client().resources.update(id, body)
      : { id, protected_metadata_uri: olds.protectedResourceMetadataUrl, create_time: olds.createTime };
    return { outs: toOutputs(news, live, environmentUrl(context)) };
  },

  async delete(id, _props, context) {
    await deleteIfPresent(() => context.client().resources.delete(id));
  },
};

async function createOrAdopt(inputs: McpServerInputs, context: ResourceContext): Promise<ResourceWire> {
  const api = context.client().resources;
  try {
    return await api.create(toCreateBody(inputs));
  } catch (error) {
    if (!isConflict(error)) throw error;
    const existing = await api.findByServerUrl(inputs.serverUrl);
    if (!existing) throw error;
    context.log.warn(`MCP server ${inputs.serverUrl} is already registered with Scalekit (${existing.id}); adopting it`);
    const drift = changedFields(MCP_SERVER_DIFF_RULES, observedInputs(existing, inputs), inputs);
    const body = toUpdateBody(inputs, drift);
    return Object.keys(body).length ? api.update(existing.id, body) : existing;
  }
}

function environmentUrl(context: ResourceContext): string {
  return context.client().settings.environmentUrl;
}
