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

/** Warnings the provider logs (pulumi.log.warn falls back to console.warn outside the engine). */
export function captureWarnings(): { readonly messages: string[] } {
  const captured = { messages: [] as string[] };
  let spy: jest.SpyInstance;
  beforeEach(() => {
    captured.messages.length = 0;
    spy = jest.spyOn(console, "warn").mockImplementation((...args: unknown[]) => void captured.messages.push(args.map(String).join(" ")));
  });
  afterEach(() => spy.mockRestore());
  return captured;
}
