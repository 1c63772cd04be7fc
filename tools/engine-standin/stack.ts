import { mkdtempSync, rmSync } from "node:fs";
import { availableParallelism, tmpdir } from "node:os";
import * as path from "node:path";
import { namespacedKey, providerConfigureArgs, type ConfigValue, type StackConfig } from "./config";
import { deleteResources } from "./deletes";
import { ResourceMonitorServer } from "./monitor";
import type { Diagnostic, OperationKind, OperationReport, PlanStep } from "./plan";
import { startProgram } from "./program-process";
import { readProject, type PulumiProject } from "./project";
import { ProviderHost } from "./provider-host";
import { ProviderSession } from "./provider-session";
import { refreshResources } from "./refresh";
import { Semaphore } from "./semaphore";
import { emptyState, STACK_TYPE, type StackState } from "./state";
import { StateFile } from "./state-file";
import { UpdateOperation } from "./update";
import type { Bag } from "./values";

export interface StandInStackOptions {
  /** The folder of the project's Pulumi.yaml. */
  projectDir: string;
  /** Default "dev". */
  stack?: string;
  /** Stack config; un-namespaced keys belong to the project; secrets as `{ secret }`. */
  config?: Record<string, ConfigValue>;
  /** Environment of the program and of the provider host, on top of this process's. */
  env?: NodeJS.ProcessEnv;
  /** Steps in flight at once, like `--parallel` (default: 4 × CPUs, as the CLI). */
  parallel?: number;
  /** Where the state is kept (default: a temporary file, removed when this process exits). An existing file is read. */
  stateFile?: string;
  /** Encrypts the secrets of the state file (default: PULUMI_CONFIG_PASSPHRASE, else a fixed test passphrase). */
  passphrase?: string;
}

/**
 * A stack of a Pulumi project played by the engine stand-in: `preview`, `up`, `refresh` and `destroy`
 * as the CLI runs them, against the real program (run as the Node language host runs it) and the real
 * dynamic-provider host. A test and benchmark tool: see README.md for the rules it follows.
 */
export class StandInStack {
  readonly project: PulumiProject;
  readonly name: string;
  readonly stateFile: string;
  /** The environment of the program and of the provider host (on top of this process's); change it between operations at will. */
  readonly env: NodeJS.ProcessEnv;
  private config: StackConfig;
  private current: StackState;
  private readonly file: StateFile;

  private constructor(private readonly options: StandInStackOptions) {
    this.project = readProject(options.projectDir);
    this.name = options.stack ?? "dev";
    this.env = { ...options.env };
    this.config = {};
    for (const [key, value] of Object.entries(options.config ?? {})) this.setConfig(key, value);
    this.stateFile = options.stateFile ?? path.join(temporaryStateFolder(), `${this.project.name}-${this.name}-${++stacksOpened}.json`);
    this.file = StateFile.open(this.stateFile, options.passphrase ?? process.env.PULUMI_CONFIG_PASSPHRASE ?? "engine stand-in passphrase");
    this.current = this.file.read() ?? emptyState();
  }

  /** Opens the stack (reading its state file, if there is one). */
  static open(options: StandInStackOptions): StandInStack {
    return new StandInStack(options);
  }

  get state(): StackState {
    return this.current;
  }

  /** The URN of the stack's root resource, `pulumi:pulumi:Stack`. */
  get stackUrn(): string {
    return `urn:pulumi:${this.name}::${this.project.name}::${STACK_TYPE}::${this.project.name}-${this.name}`;
  }

  /** The stack outputs recorded by the last update (secrets as secret envelopes). */
  get outputs(): Bag {
    return this.current.resources.find((resource) => resource.urn === this.stackUrn)?.outputs ?? {};
  }

  /** `pulumi config set [--secret] key value`. */
  setConfig(key: string, value: ConfigValue): void {
    this.config = { ...this.config, [namespacedKey(key, this.project.name)]: value };
  }

  /** `pulumi config rm key`. */
  removeConfig(key: string): void {
    const { [namespacedKey(key, this.project.name)]: _removed, ...rest } = this.config;
    this.config = rest;
  }

  preview(): Promise<OperationReport> {
    return this.update("preview");
  }

  /**
   * `pulumi up`; with `refresh`, `pulumi up --refresh` (every resource read back first). As the CLI, it
   * previews first and applies nothing when the preview fails (a check failure, a protected resource to
   * replace or delete): pkg/backend/apply.go, PreviewThenPromptThenExecute. `skipPreview` is
   * `--skip-preview`.
   */
  async up(options: { refresh?: boolean; skipPreview?: boolean } = {}): Promise<OperationReport> {
    const reports: OperationReport[] = [];
    if (options.refresh) {
      reports.push(await this.refresh());
      if (!reports[0].ok) return { ...reports[0], kind: "up" };
    }
    // The report is of what ran: the update, or the preview that stopped it.
    if (!options.skipPreview) {
      const preview = await this.update("preview");
      if (!preview.ok) return joined("up", [...reports, preview]);
    }
    reports.push(await this.update("up"));
    return joined("up", reports);
  }

  /** `pulumi refresh` (the program does not run; the provider is configured as at the last update). */
  refresh(): Promise<OperationReport> {
    return this.withHost("refresh", this.current.config, async (session) => {
      const refreshed = await refreshResources(session, this.current, this.parallel);
      return { ...refreshed, diagnostics: [] };
    });
  }

  /**
   * `pulumi destroy`: everything in the state deleted, dependents first. Previewed first, as by the CLI
   * (pkg/backend/diy/backend.go, Destroy): a protected resource fails the preview, and nothing is deleted.
   */
  destroy(options: { skipPreview?: boolean } = {}): Promise<OperationReport> {
    return this.withHost("destroy", this.current.config, async (session) => {
      const plan: PlanStep[] = [];
      const errors: string[] = [];
      const deleted = new Set<unknown>();
      const pass = (dryRun: boolean) =>
        deleteResources(session, this.current.resources, {
          dryRun,
          executors: new Semaphore(this.parallel),
          onStep: (step, resource, done) => {
            plan.push(step);
            if (step.error) errors.push(step.error);
            if (done && !dryRun) deleted.add(resource);
          },
        });
      if (!options.skipPreview) {
        await pass(true);
        if (errors.length) return { state: this.current, plan, errors, diagnostics: [] };
        plan.length = 0;
      }
      await pass(false);
      const state = { ...this.current, resources: this.current.resources.filter((resource) => !deleted.has(resource)) };
      return { state, plan, errors, diagnostics: [] };
    });
  }

  private get parallel(): number {
    return this.options.parallel ?? availableParallelism() * 4;
  }

  /** preview or up: the program runs against a resource monitor whose registrations become steps. */
  private update(kind: "preview" | "up"): Promise<OperationReport> {
    const dryRun = kind === "preview";
    const config = this.config;
    return this.withHost(kind, config, async (session) => {
      const operation = new UpdateOperation(session, this.current, { dryRun, parallel: this.parallel });
      const diagnostics: Diagnostic[] = operation.diagnostics;
      let finished: Promise<void> | undefined;
      const finish = (programSucceeded: boolean) => (finished ??= operation.finish(programSucceeded));
      const monitor = await ResourceMonitorServer.start(
        { project: this.project.name, stack: this.name },
        {
          register: (goal) => operation.register(goal),
          registerOutputs: (urn, outputs) => operation.registerOutputs(urn, outputs),
          log: (diagnostic) => diagnostics.push(diagnostic),
          programDone: () => finish(true),
        },
      );
      try {
        const program = startProgram({
          project: this.project,
          stack: this.name,
          monitorAddress: monitor.address,
          engineAddress: monitor.address,
          dryRun,
          parallel: this.parallel,
          config,
          env: this.env,
        });
        // Once the operation has stopped, the program gets a while to end by itself (the SDK sees the
        // monitor refuse registrations and exits), then it is ended, as the CLI cancels its language host.
        let exited = false;
        let cancel: NodeJS.Timeout | undefined;
        void operation.whenStopped.then(() => {
          if (!exited) cancel = setTimeout(() => program.kill(), PROGRAM_GRACE_MS).unref();
        });
        const exit = await program.exited.finally(() => {
          exited = true;
          clearTimeout(cancel);
        });
        await finish(exit.code === 0);
        const errors = [...operation.errors];
        if (exit.code !== 0 && !operation.failed) errors.push(programFailure(diagnostics, exit.output));
        const state = dryRun ? this.current : { ...operation.state(), config };
        return { state, plan: operation.plan, errors, diagnostics, programOutput: exit.output, outputs: operation.outputsOf(this.stackUrn) };
      } finally {
        await monitor.stop();
      }
    });
  }

  /**
   * Starts a provider host in the program's folder and configures it (while the operation starts: the
   * program runs meanwhile, as under the CLI), runs the operation, records the state.
   */
  private async withHost(
    kind: OperationKind,
    config: StackConfig,
    run: (session: ProviderSession) => Promise<{ state: StackState; plan: PlanStep[]; errors: string[]; diagnostics: Diagnostic[]; programOutput?: string; outputs?: Bag }>,
  ): Promise<OperationReport> {
    const started = Date.now();
    const starting = ProviderHost.start({ cwd: this.project.programDirectory, project: this.project.name, env: this.env });
    const ready = starting.then(async (host) => ({ host, acceptSecrets: (await host.configure(providerConfigureArgs(config))).acceptSecrets }));
    ready.catch(() => undefined);
    try {
      const session = new ProviderSession(ready);
      const result = await run(session);
      const { host } = await ready;
      if (kind !== "preview") {
        this.current = result.state;
        this.file.write(result.state);
      }
      const stepsMs = session.firstCallAt === undefined ? 0 : session.lastCallAt! - session.firstCallAt;
      return {
        kind,
        ok: result.errors.length === 0,
        errors: result.errors,
        plan: result.plan,
        calls: session.calls,
        diagnostics: result.diagnostics,
        outputs: result.outputs ?? this.outputs,
        state: result.state,
        programOutput: result.programOutput ?? "",
        hostOutput: host.output.join(""),
        timing: { totalMs: Date.now() - started, stepsMs },
      };
    } finally {
      await starting.then((host) => host.stop(), () => undefined);
    }
  }
}

let stacksOpened = 0;
let temporaryFolder: string | undefined;

/** One folder for the state files of stacks opened without one, removed when this process exits. */
function temporaryStateFolder(): string {
  if (!temporaryFolder) {
    const folder = mkdtempSync(path.join(tmpdir(), "standin-state-"));
    process.once("exit", () => rmSync(folder, { recursive: true, force: true }));
    temporaryFolder = folder;
  }
  return temporaryFolder;
}

/** How long a program may run on after its operation stopped at an error. */
const PROGRAM_GRACE_MS = 30_000;

/** Why the program failed: the errors it logged, else the end of what it printed. */
function programFailure(diagnostics: readonly Diagnostic[], output: string): string {
  const logged = diagnostics.filter((diagnostic) => diagnostic.severity === "error").map((diagnostic) => diagnostic.message);
  return `the program failed: ${logged.length ? logged.join("\n") : output.trim().split("\n").slice(-20).join("\n")}`;
}

/** Operations run one after the other (refresh, preview, update), reported as one: the last one's result, every step and call. */
function joined(kind: OperationReport["kind"], reports: OperationReport[]): OperationReport {
  const last = reports[reports.length - 1];
  if (reports.length === 1) return { ...last, kind };
  return {
    ...last,
    kind,
    plan: reports.flatMap((report) => report.plan),
    calls: reports.flatMap((report) => report.calls),
    hostOutput: reports.map((report) => report.hostOutput).join(""),
  };
}
