import type { ConnectionWire } from "../../api/wire";
import { isApiError, isConflict, isNotFound } from "../../core/api-error";
import { checkInputs } from "../../core/check";
import { changedFields, diffByRules } from "../../core/diff";
import { compositeId, splitCompositeId } from "../../core/ids";
import { isUnknown, unknownPaths } from "../../core/unknowns";
import { readLive, ResourceInitError, type ResourceContext, type ResourceLifecycle } from "../lifecycle";
import { adopting, adoptConnection, findConnectionToAdopt } from "./adopt";
import { applied } from "./applied-inputs";
import { observedInputs, toConfigBody, toCreateBody, toOutputs } from "./mapping";
import { certificateExpiryWarning } from "./certificate-expiry";
import { needsIdpValidation, validateIdp, validateIdpBeforeEnabling } from "./idp-validation";
import { CONFIG_FIELDS, SSO_CONNECTION_DIFF_RULES, SsoConnectionInputs, type SsoConnectionOutputs, type StoredOidcSettings } from "./schema";

/**
 * SSO connection: POST the shell (provider + protocol), PATCH its SAML/OIDC configuration, then
 * `:enable`. If a step after the POST fails, the connection stays in the state as a disabled shell and
 * the next `up` completes it. The OIDC client secret is sent to Scalekit and kept in outputs only as a
 * keyed digest. With `adopt` (or a `connectionId`) the create looks first and writes only what
 * differs (see adopt.ts).
 */
export const ssoConnectionLifecycle: ResourceLifecycle<SsoConnectionInputs, SsoConnectionOutputs> = {
  async check(olds, news) {
    const outcome = checkInputs(SsoConnectionInputs, news);
    if (outcome.failures.length) return outcome;
    const unknown = unknownPaths(news);
    if (unknown.some((path) => /^(saml|oidc|enabled|validateIdp)\b/.test(path))) return outcome;
    // An organization id not known yet (a new tenant at preview) must not put off checking the IdP.
    const candidate = unknown.length ? SsoConnectionInputs.safeParse({ ...news, organizationId: "org_0" }).data : outcome.inputs;
    // A connection to adopt may be enabled already: its create checks the IdP if it has to enable it.
    const adoptedNow = candidate && adopting(candidate) && olds.provider === undefined;
    if (candidate && !adoptedNow && needsIdpValidation(olds as Partial<SsoConnectionInputs>, candidate)) {
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
    if (adopting(inputs)) {
      const existing = await findConnectionToAdopt(inputs, context);
      if (existing) return adoptConnection(existing, inputs, context);
      context.log.info(`organization ${inputs.organizationId} has no connection with key id ${JSON.stringify(inputs.keyId)} yet; creating it`);
      await validateIdpBeforeEnabling(inputs);
    }
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
