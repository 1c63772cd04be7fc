/**
 * A policy pack as `pulumi preview --policy-pack <dir>` runs it: started by @pulumi/pulumi's
 * `cmd/run-policy-pack` in the pack's folder (TypeScript through ts-node, as the Node language host does)
 * and spoken to over gRPC with the analyzer protocol. Stack configuration goes in PULUMI_CONFIG, as the
 * engine passes it (pulumi/pulumi pkg/resource/plugin/analyzer_plugin.go, constructEnv).
 */
import type { ChildProcess } from "node:child_process";
import * as path from "node:path";
import { secretEnvelope, startPlugin } from "../../tools/engine-standin";
import { STANDIN_SDK, structpb } from "../../tools/engine-standin/sdk";

const SDK = STANDIN_SDK;
const grpc = require(require.resolve("@grpc/grpc-js", { paths: [SDK] }));
const analyzerpb = require(path.join(SDK, "proto/analyzer_pb"));
const analyzerrpc = require(path.join(SDK, "proto/analyzer_grpc_pb"));

type Bag = Record<string, any>;
export type EnforcementLevel = "advisory" | "mandatory" | "disabled" | "remediate";
const LEVELS: EnforcementLevel[] = ["advisory", "mandatory", "disabled", "remediate"];

/** A resource as the engine describes it to an analyzer. */
export interface AnalyzedResource {
  type: string;
  name: string;
  /** Properties as the engine sends them: secrets in envelopes, unknowns as sentinels, no `__` keys. */
  props: Bag;
  urn?: string;
  parent?: string;
  /** Input property → URNs of the resources its value came from. */
  propertyDependencies?: Record<string, string[]>;
}

export interface Violation {
  policy: string;
  message: string;
  level: EnforcementLevel;
  urn: string;
}

export interface Verdict {
  violations: Violation[];
  notApplicable: string[];
}

export interface PolicyInfo {
  name: string;
  level: EnforcementLevel;
  configSchema?: Bag;
}

/** Policy name → its level, or its level and configuration properties. */
export type PolicyPackConfig = Record<string, EnforcementLevel | ({ enforcementLevel: EnforcementLevel } & Bag)>;

/** The URN the engine gives a resource of the sample project's `dev` stack (a Tenant's child when `parentType` is given). */
export function urnOf(type: string, name: string, parentType?: string): string {
  return `urn:pulumi:dev::scalekit-onboarding::${parentType ? `${parentType}$` : ""}${type}::${name}`;
}

/**
 * Inputs as the engine hands them to Analyze: internal keys (`__provider`) dropped
 * (pkg/resource/plugin/analyzer_plugin.go marshals with SkipInternalKeys) and the given top-level keys
 * marked secret, as the resource class marks them.
 */
export function asAnalyzerReceives(inputs: Bag, secretKeys: readonly string[] = []): Bag {
  return Object.fromEntries(
    Object.entries(inputs)
      .filter(([key]) => !key.startsWith("__"))
      .map(([key, value]) => [key, secretKeys.includes(key) ? secretEnvelope(value) : value]),
  );
}

export class PolicyAnalyzer {
  private constructor(
    private readonly child: ChildProcess,
    private readonly client: any,
    /** What the pack printed after announcing its port. */
    readonly output: string[],
  ) {}

  static async start(options: { packDirectory: string; env?: NodeJS.ProcessEnv }): Promise<PolicyAnalyzer> {
    const { child, port, output } = await startPlugin("policy pack", path.join(SDK, "cmd/run-policy-pack"), ["127.0.0.1:1", "."], {
      cwd: options.packDirectory,
      env: { ...process.env, ...options.env },
    });
    const client = new analyzerrpc.AnalyzerClient(`127.0.0.1:${port}`, grpc.credentials.createInsecure(), { "grpc.enable_retries": 0 });
    return new PolicyAnalyzer(child, client, output);
  }

  private call<T>(method: string, request: unknown): Promise<T> {
    return new Promise((resolve, reject) => this.client[method](request, (error: Error | null, value: T) => (error ? reject(error) : resolve(value))));
  }

  async info(): Promise<{ name: string; policies: PolicyInfo[] }> {
    const Empty = analyzerrpc.AnalyzerService.getAnalyzerInfo.requestType;
    const info: any = await this.call("getAnalyzerInfo", new Empty());
    return {
      name: info.getName(),
      policies: info.getPoliciesList().map((policy: any) => ({
        name: policy.getName(),
        level: LEVELS[policy.getEnforcementlevel()],
        configSchema: policy.getConfigschema()?.getProperties()?.toJavaScript(),
      })),
    };
  }

  /** What `--policy-pack-config` sets; the engine sends every policy's level. */
  async configure(config: PolicyPackConfig): Promise<void> {
    const request = new analyzerpb.ConfigureAnalyzerRequest();
    for (const [name, entry] of Object.entries(config)) {
      const { enforcementLevel, ...properties } = typeof entry === "string" ? { enforcementLevel: entry } : entry;
      const policyConfig = new analyzerpb.PolicyConfig();
      policyConfig.setEnforcementlevel(LEVELS.indexOf(enforcementLevel));
      policyConfig.setProperties(structpb.Struct.fromJavaScript(properties));
      request.getPolicyconfigMap().set(name, policyConfig);
    }
    await this.call("configure", request);
  }

  /** Analyze: one resource's checked inputs, before it is created or updated. */
  async analyze(resource: AnalyzedResource): Promise<Verdict> {
    const request = new analyzerpb.AnalyzeRequest()
      .setUrn(resource.urn ?? urnOf(resource.type, resource.name))
      .setType(resource.type)
      .setName(resource.name)
      .setProperties(structpb.Struct.fromJavaScript(resource.props))
      .setOptions(optionsOf(resource));
    return verdictOf(await this.call("analyze", request));
  }

  /** AnalyzeStack: every resource's final outputs, at the end of a preview or an update. */
  async analyzeStack(resources: AnalyzedResource[]): Promise<Verdict> {
    const request = new analyzerpb.AnalyzeStackRequest();
    for (const resource of resources) {
      const entry = new analyzerpb.AnalyzerResource()
        .setUrn(resource.urn ?? urnOf(resource.type, resource.name))
        .setType(resource.type)
        .setName(resource.name)
        .setProperties(structpb.Struct.fromJavaScript(resource.props))
        .setOptions(optionsOf(resource))
        .setParent(resource.parent ?? "");
      const dependencies = new Set<string>();
      for (const [property, urns] of Object.entries(resource.propertyDependencies ?? {})) {
        entry.getPropertydependenciesMap().set(property, new analyzerpb.AnalyzerPropertyDependencies().setUrnsList(urns));
        urns.forEach((urn) => dependencies.add(urn));
      }
      entry.setDependenciesList([...dependencies]);
      request.addResources(entry);
    }
    return verdictOf(await this.call("analyzeStack", request));
  }

  async stop(): Promise<void> {
    this.client.close();
    if (this.child.exitCode !== null) return;
    const exited = new Promise((resolve) => this.child.once("exit", resolve));
    this.child.kill();
    await exited;
  }
}

function optionsOf(resource: AnalyzedResource) {
  return new analyzerpb.AnalyzerResourceOptions().setParent(resource.parent ?? "");
}

function verdictOf(response: any): Verdict {
  return {
    violations: response.getDiagnosticsList().map((diagnostic: any) => ({
      policy: diagnostic.getPolicyname(),
      message: diagnostic.getMessage(),
      level: LEVELS[diagnostic.getEnforcementlevel()],
      urn: diagnostic.getUrn(),
    })),
    notApplicable: response.getNotApplicableList().map((entry: any) => entry.getPolicyName()),
  };
}
