import { readFileSync, writeFileSync } from "node:fs";
import * as path from "node:path";
import { parse, stringify } from "yaml";
import { PACKAGE_ROOT } from "../../scripts/package-root";

/** The sample tenants.yaml that ships with the repository. */
export const SAMPLE_TENANTS = path.join(PACKAGE_ROOT, "tenants.yaml");

/** A variant of the sample, changed by `transform`, written to `directory/name`; returns its path. */
export function writeSampleVariant(directory: string, name: string, transform: (document: any) => void): string {
  const document = parse(readFileSync(SAMPLE_TENANTS, "utf8"));
  transform(document);
  const file = path.join(directory, name);
  writeFileSync(file, stringify(document));
  return file;
}
