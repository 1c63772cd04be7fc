import * as pulumi from "@pulumi/pulumi";
import { isSecretEnvelope } from "../../tools/engine-standin";

export { isSecretEnvelope };

export interface Registration {
  type: string;
  name: string;
  inputs: any;
}


/** The resource id the mocked Scalekit gives the registered MCP server. */
export const MOCK_RESOURCE_ID = "res_74511963372470305";

/**
 * Mocks for the docker stack: records what each resource was registered with (secrets arrive in
 * Pulumi's secret envelope), gives the McpServer a resource id, the Image a local image id and the
 * onboarding stack reference the outputs passed here.
 */
export function mockStack(onboardingOutputs: Record<string, unknown> = {}): Registration[] {
  const registrations: Registration[] = [];
  pulumi.runtime.setMocks(
    {
      newResource(args) {
        registrations.push({ type: args.type, name: args.name, inputs: args.inputs });
        if (args.type === "pulumi:pulumi:StackReference") {
          return { id: args.inputs.name, state: { name: args.inputs.name, outputs: onboardingOutputs, secretOutputNames: Object.keys(onboardingOutputs) } };
        }
        if (args.type === "docker:index/image:Image") return { id: "notes-image", state: { ...args.inputs, repoDigest: "sha256:0123abcd" } };
        if (args.type === "pulumi-nodejs:dynamic/scalekit:McpServer") {
          const environmentUrl = "https://acme.scalekit.dev";
          return { id: MOCK_RESOURCE_ID, state: { ...args.inputs, resourceId: MOCK_RESOURCE_ID, authorizationServerUrl: `${environmentUrl}/resources/${MOCK_RESOURCE_ID}` } };
        }
        return { id: `${args.name}-id`, state: args.inputs };
      },
      call: (args) => args.inputs,
    },
    "scalekit-mcp-server",
    "test",
    false,
  );
  return registrations;
}

export function valueOf<T>(output: pulumi.Output<T>): Promise<T> {
  return new Promise((resolve) => output.apply(resolve));
}

/** Every string in `value` that is not inside a secret envelope. */
export function plaintextStrings(value: unknown): string[] {
  if (typeof value === "string") return [value];
  if (Array.isArray(value)) return value.flatMap(plaintextStrings);
  if (typeof value === "object" && value !== null) {
    if (isSecretEnvelope(value)) return [];
    return Object.values(value).flatMap(plaintextStrings);
  }
  return [];
}

const unwrap = (value: unknown) => (isSecretEnvelope(value) ? value.value : value);

/** Container envs as name → value, secrets unwrapped (for feeding the server's own config parser). */
export function envObject(envs: unknown): Record<string, string> {
  const entries = (unwrap(envs) as unknown[]).map((entry) => unwrap(entry) as string);
  return Object.fromEntries(entries.map((entry) => [entry.slice(0, entry.indexOf("=")), entry.slice(entry.indexOf("=") + 1)]));
}
