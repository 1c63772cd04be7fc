import { cpSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { PACKAGE_ROOT } from "../../scripts/package-root";

/** The sample sharded layout of examples/gitops (shards.yaml, tenants/, the written runner configuration). */
export const SAMPLE_LAYOUT = path.join(PACKAGE_ROOT, "examples", "gitops");

/**
 * A scratch copy of the sample layout for the test file, with `files` (relative path → text, or null
 * to delete) written over it.
 */
export function useLayoutCopies(): { copy(files?: Record<string, string | null>): string } {
  const roots: string[] = [];
  afterAll(() => roots.forEach((root) => rmSync(root, { recursive: true, force: true })));
  return {
    copy(files = {}) {
      const root = mkdtempSync(path.join(tmpdir(), "shards-"));
      roots.push(root);
      cpSync(SAMPLE_LAYOUT, root, { recursive: true });
      for (const [file, text] of Object.entries(files)) {
        if (text === null) rmSync(path.join(root, file), { force: true });
        else writeFileSync(path.join(root, file), text);
      }
      return root;
    },
  };
}
