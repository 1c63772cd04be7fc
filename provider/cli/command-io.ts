import type { ClientSettings } from "../core/settings";

/** The Scalekit environment a command talks to, open for the command's duration. */
export interface ScalekitSession {
  settings: ClientSettings;
  /** Where the credentials came from, for the user (never a value). */
  source: string;
  /**
   * Only for an environment the command started itself (a local emulator): keeps it serving a minted
   * admin portal link until the link is opened or expires, so the link can be used.
   */
  holdLink?(link: { location: string; expireTime: string }): Promise<void>;
  close(): Promise<void>;
}

/** A Scalekit environment to start when no credentials are configured (this repository: the emulator `npm run up` uses). */
export interface LocalEnvironment {
  start(io: Pick<CommandIo, "err">): Promise<ScalekitSession>;
}

/** What a command needs from the process that runs it; tests give their own. */
export interface CommandIo {
  /** Where the command runs: relative paths are read from here, the project is found from here. */
  cwd: string;
  env: NodeJS.ProcessEnv;
  out(line: string): void;
  err(line: string): void;
  /** Used when neither a stack nor SCALEKIT_* variables give credentials; none by default. */
  localEnvironment?: LocalEnvironment;
  /** The Pulumi CLI binary, when there is one (default: `pulumi` on PATH). */
  findPulumiCli?(): Promise<string | undefined>;
}

/** Thrown for a command line the command cannot run; the dispatcher prints it with the command's usage and exits 2. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "UsageError";
  }
}
