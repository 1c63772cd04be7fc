import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";

/** A folder for the state files of the engine stand-in's stacks in a test file, removed after it. */
export function useStateFolder(): { file(name: string): string } {
  let folder: string | undefined;
  let opened = 0;
  afterAll(() => {
    if (folder) rmSync(folder, { recursive: true, force: true });
  });
  return {
    file: (name) => {
      folder ??= mkdtempSync(path.join(tmpdir(), "standin-state-"));
      return path.join(folder, `${name}-${++opened}.json`);
    },
  };
}
