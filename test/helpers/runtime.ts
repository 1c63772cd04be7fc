import * as runtime from "../../provider/runtime";
import type { Emulator } from "../../emulator";

/** Points the provider runtime (as the host would after Configure) at an emulator. */
export function configureRuntime(emulator: Emulator): typeof runtime {
  const config: Record<string, string> = {
    "scalekit:environmentUrl": emulator.url,
    "scalekit:clientId": emulator.clientId,
    "scalekit:clientSecret": emulator.clientSecret,
  };
  runtime.configure("test", (key) => config[key]);
  return runtime;
}

/** A runtime with no credentials at all: any API call would fail loudly. */
export function unconfiguredRuntime(): typeof runtime {
  runtime.configure("test", () => undefined);
  return runtime;
}

export { runtime };

/** What the provider logs: warnings in `messages`, info lines in `infos` (outside an engine, @pulumi/log prints them). */
export function captureWarnings(): { readonly messages: string[]; readonly infos: string[] } {
  const captured = { messages: [] as string[], infos: [] as string[] };
  let spies: jest.SpyInstance[] = [];
  beforeEach(() => {
    captured.messages.length = 0;
    captured.infos.length = 0;
    const into = (list: string[]) => (...args: unknown[]) => void list.push(args.map(String).join(" "));
    // Outside an engine, @pulumi/log writes warnings with console.warn and info lines with console.log.
    spies = [jest.spyOn(console, "warn").mockImplementation(into(captured.messages)), jest.spyOn(console, "log").mockImplementation(into(captured.infos))];
  });
  afterEach(() => spies.forEach((spy) => spy.mockRestore()));
  return captured;
}
