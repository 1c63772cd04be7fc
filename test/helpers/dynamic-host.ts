/**
 * The real Pulumi dynamic-provider host, driven over gRPC the way the engine drives it (our stand-in
 * for `pulumi up` on a machine without the Pulumi CLI): the engine driver's client, with test defaults.
 */
import { ProviderHost, secretEnvelope, type Bag, type HostError, type ProviderHostOptions } from "../../tools/engine-standin";
import { PACKAGE_ROOT } from "../../scripts/package-root";

export const PROJECT = "scalekit-test";
export type { Bag };
export type GrpcError = HostError;

/** A config value the way the engine sends a secret. */
export const secretValue = secretEnvelope;

export const urnOf = (kind: string, name: string) => `urn:pulumi:test::${PROJECT}::pulumi-nodejs:dynamic/scalekit:${kind}::${name}`;

export const DynamicProviderHost = {
  /** Starts the host in the package root, where `pulumi-scalekit/runtime` resolves to dist/. */
  start: (options: ProviderHostOptions = {}) => ProviderHost.start({ cwd: PACKAGE_ROOT, project: PROJECT, ...options }),
  initFailure: ProviderHost.initFailure,
};
export type DynamicProviderHost = ProviderHost;
