import { mkdirSync } from "node:fs";
import * as path from "node:path";
import type { LocalEnvironment, ScalekitSession } from "../../provider/cli/command-io";
import { sleep } from "../../provider/core/retry";
import { RemoteEmulator } from "../bench/remote-emulator";
import { emulatorCommand, PACKAGE_ROOT } from "../package-root";
import { startEmulatorProcess, type RunningEmulator } from "../up/emulator-process";
import { localEmulatorSpec } from "../up/plan";

/**
 * The Scalekit of a command run in this repository with no credentials configured: the local emulator
 * `npm run up` uses (its port and data file, scripts/up/plan.ts), started for the command and stopped
 * after it, so `npm run portal-link -- acme` works right after `npm run up` on a fresh clone.
 */
export function repositoryEmulator(env: NodeJS.ProcessEnv): LocalEnvironment {
  return {
    async start(io) {
      const spec = localEmulatorSpec(PACKAGE_ROOT, env, emulatorCommand());
      mkdirSync(path.dirname(spec.dataFile), { recursive: true });
      const inRepository = path.relative(PACKAGE_ROOT, spec.dataFile);
      io.err(`• Scalekit: no credentials configured, so the local emulator of \`npm run up\` stands in (data in ${inRepository.startsWith("..") ? spec.dataFile : inRepository})`);
      const running = await startEmulatorProcess(spec);
      // Ctrl-C reaches this process only (the emulator has a process group of its own): stop it first.
      const interrupted = () => void running.stop().then(() => process.exit(130));
      process.once("SIGINT", interrupted);
      return emulatorSession(running, io, () => process.off("SIGINT", interrupted));
    },
  };
}

function emulatorSession(running: RunningEmulator, io: { err(line: string): void }, release: () => void): ScalekitSession {
  return {
    settings: { environmentUrl: running.url, clientId: running.clientId, clientSecret: running.clientSecret },
    source: "the local emulator",
    holdLink: (link) => serveUntilOpened(RemoteEmulator.attach(running), link, io),
    async close() {
      release();
      await running.stop();
    },
  };
}

/** A minted link is only useful while its emulator runs: keep it up until the link was opened, or has expired. */
async function serveUntilOpened(emulator: RemoteEmulator, link: { location: string; expireTime: string }, io: { err(line: string): void }): Promise<void> {
  const linkPath = new URL(link.location).pathname;
  io.err(`The local emulator serves the link at ${emulator.url} until it is opened or expires (Ctrl-C stops it sooner).`);
  while (Date.now() < Date.parse(link.expireTime)) {
    // The whole log: this emulator was started for this command, and the link may be opened before the first look.
    const opened = (await emulator.requests()).some((entry) => entry.method === "GET" && entry.path === linkPath && entry.status !== 0);
    if (opened) {
      io.err("The link was opened; the local emulator stops.");
      return;
    }
    await sleep(250);
  }
  io.err("The link expired unused; the local emulator stops.");
}
