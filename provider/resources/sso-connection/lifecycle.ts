import type { ConnectionWire } from "../../api/wire";
import { isApiError, isConflict, isNotFound } from "../../core/api-error";
import { checkInputs } from "../../core/check";
import { changedFields, diffByRules } from "../../core/diff";
import { compositeId, splitCompositeId } from "../../core/ids";
import { isUnknown, UNKNOWN, unknownPaths } from "../../core/unknowns";
import { readLive, ResourceInitError, type Bag, type ResourceContext, type ResourceLifecycle } from "../lifecycle";
import { observedInputs, storedOidc, toConfigBody, toCreateBody, toOutputs } from "./mapping";
import { certificateExpiryWarning } from "./certificate-expiry";
import { needsIdpValidation, validateIdp } from "./idp-validation";
import {
  protocolOf,
  SSO_CONNECTION_DIFF_RULES,
  SsoConnectionInputs,
  type SsoConnectionOutputs,
  type SsoProtocol,
  type StoredOidcSettings,
} from "./schema";
import { digestLike, secretDigest } from "./secret-digest";

type AppliedInputs = Omit<SsoConnectionInputs, "oidc"> & { oidc?: StoredOidcSettings; protocol: SsoProtocol };

const CONFIG_FIELDS = ["keyId", "saml", "oidc", "attributeMapping", "debugEnabled", "uiButtonTitle"] as const;

/**
 * SSO connection: POST the shell (provider + protocol), PATCH its SAML/OIDC configuration, then
 * `:enable`. If a step after the POST fails, the connection stays in the state as a disabled shell and
 * the next `up` completes it. The OIDC client secret is sent to Scalekit and kept in outputs only as a
 * keyed digest.
 */
export const ssoConnectionLifecycle: ResourceLifecycle<SsoConnectionInputs, SsoConnectionOutputs> = {
  async check(olds, news) {
    const outcome = checkInputs(SsoConnectionInputs, news);
    if (outcome.failures.length) return outcome;
    const unknown = unknownPaths(news);
    if (unknown.some((path) => /^(saml|oidc|enabled|validateIdp)\b/.test(path))) return outcome;
    // An organization id not known yet (a new tenant at preview) must not put off checking the IdP.
    const candidate = unknown.length ? SsoConnectionInputs.safeParse({ ...news, organizationId: "org_0" }).data : outcome.inputs;
    if (candidate && needsIdpValidation(olds as Partial<SsoConnectionInputs>, candidate)) {
      outcome.failures.push(...(await validateIdp(candidate)));
    }
    return outcome;
  },

  diff(_id, olds, news) {
    const outcome = diffByRules(SSO_CONNECTION_DIFF_RULES, olds, applied(news, olds.oidc?.clientSecretDigest));
    // A key id is unique in the environment: the replacement can only take it once the old one is gone.
    const keyIdKept = olds.keyId !== undefined && (olds.keyId === news.keyId || isUnknown(news.keyId));
    return { ...outcome, deleteBeforeReplace: outcome.replaces.length > 0 && keyIdKept };
  },

  async create(inputs, context) {
    const api = context.client().connections;
    const organizationId = inputs.organizationId;
    const shell = await createOrAdopt(inputs, context);
    const id = compositeId(organizationId, shell.id);
    const target = applied(inputs);
    try {
      let live = await api.update(organizationId, shell.id, toConfigBody(inputs));
      if (inputs.enabled) {
        await api.enable(organizationId, shell.id);
        live = { ...live, enabled: true };
      }
      return { id, outs: toOutputs(target, live) };
    } catch (error) {
      const unconfigured = toOutputs({ ...target, saml: undefined, oidc: undefined, attributeMapping: undefined, enabled: false }, shell);
      throw new ResourceInitError(`SSO connection ${shell.id} was created but could not be configured: ${(error as Error).message}`, id, { ...unconfigured });
    }
  },

  async read(id, props, context) {
    const [organizationId, connectionId] = splitCompositeId(id, "connection");
    const live = await readLive("SSO connection", id, () => context.client().connections.get(organizationId, connectionId), context);
    if (!live) return {};
    const observed = observedInputs(live, props);
    const outputs = toOutputs({ ...observed, protocol: props.protocol }, live);
    const expiring = certificateExpiryWarning(`SSO connection ${id}`, outputs.idpCertificateExpiresAt);
    if (expiring) context.log.warn(expiring);
    return { id, props: outputs, inputs: refreshedInputs(observed) };
  },

  async update(id, olds, news, context) {
    const api = context.client().connections;
    const [organizationId, connectionId] = splitCompositeId(id, "connection");
    const target = applied(news, olds.oidc?.clientSecretDigest);
    const changed = changedFields(SSO_CONNECTION_DIFF_RULES, olds, target);
    let live: ConnectionWire | undefined;
    if (olds.enabled && !news.enabled) await api.disable(organizationId, connectionId);
    if (changed.some((field) => (CONFIG_FIELDS as readonly string[]).includes(field))) {
      live = await api.update(organizationId, connectionId, toConfigBody(news, olds));
    }
    if (!olds.enabled && news.enabled) await api.enable(organizationId, connectionId);
    if (live) return { outs: toOutputs(target, { ...live, enabled: news.enabled }) };
    return { outs: { ...computedOutputs(olds), ...target, enabled: news.enabled } };
  },

  async delete(id, _props, context) {
    const api = context.client().connections;
    const [organizationId, connectionId] = splitCompositeId(id, "connection");
    try {
      await api.delete(organizationId, connectionId);
    } catch (error) {
      if (isNotFound(error)) return;
      if (!(isApiError(error) && error.status === 400)) throw error;
      // Scalekit may refuse to delete a connection that is still enabled.
      await api.disable(organizationId, connectionId);
      await api.delete(organizationId, connectionId);
    }
  },
};

/** Inputs as applied and stored: the protocol made explicit, the OIDC secret replaced by its digest. */
function applied(inputs: SsoConnectionInputs & Bag, previousDigest?: string): AppliedInputs {
  const { oidc, ...rest } = inputs;
  // A whole `oidc` not known yet (preview) stays the unknown value: a change, not a replacement.
  const stored = oidc && typeof oidc === "object" ? storedOidc(oidc, clientSecretDigest(oidc.clientSecret, previousDigest)) : oidc;
  return { ...rest, protocol: protocolOf(inputs), oidc: stored };
}

/**
 * The digest stored for the client secret. Inputs that came from a refresh carry no secret (Scalekit
 * never returns it), and Pulumi diffs them after every refresh: the recorded digest is kept. A secret
 * not known yet (preview) has an unknown digest.
 */
function clientSecretDigest(secret: string | undefined, previous: string | undefined): string {
  if (secret === undefined) return previous ?? UNKNOWN;
  if (isUnknown(secret)) return UNKNOWN;
  return previous ? digestLike(previous, secret) : secretDigest(secret);
}

async function createOrAdopt(inputs: SsoConnectionInputs, context: ResourceContext): Promise<ConnectionWire> {
  const api = context.client().connections;
  const body = toCreateBody(inputs);
  try {
    return await api.create(inputs.organizationId, body);
  } catch (error) {
    if (!(isConflict(error) && inputs.keyId)) throw error;
    const existing = await api.findShell(inputs.organizationId, body);
    if (!existing) throw error;
    if (existing.provider !== body.provider || existing.type !== body.type) {
      throw new Error(`keyId ${JSON.stringify(inputs.keyId)} already belongs to ${existing.provider} ${existing.type} connection ${existing.id}; choose another keyId`);
    }
    context.log.warn(`SSO connection with keyId ${JSON.stringify(inputs.keyId)} already exists in ${inputs.organizationId} (${existing.id}); adopting it`);
    return api.get(inputs.organizationId, existing.id);
  }
}

/** The inputs that reproduce the live connection, for the next diff; the OIDC client secret is never read back. */
function refreshedInputs(observed: SsoConnectionOutputs): SsoConnectionInputs {
  const { organizationId, provider, keyId, saml, oidc, attributeMapping, enabled, debugEnabled, uiButtonTitle, validateIdp } = observed;
  const { clientSecretDigest: _digest, ...oidcSettings } = oidc ?? ({} as StoredOidcSettings);
  return { organizationId, provider, keyId, saml, oidc: oidc && oidcSettings, attributeMapping, enabled, debugEnabled, uiButtonTitle, validateIdp } as SsoConnectionInputs;
}

function computedOutputs(outputs: SsoConnectionOutputs) {
  const { connectionId, status, acsUrl, spEntityId, spMetadataUrl, redirectUri, testConnectionUri, idpCertificateExpiresAt } = outputs;
  return { connectionId, status, acsUrl, spEntityId, spMetadataUrl, redirectUri, testConnectionUri, idpCertificateExpiresAt };
}
