import { PORTAL_LINK_FEATURES, type PortalLinkFeature } from "../../api/enums";
import { UsageError } from "../command-io";
import { readCommandLine } from "../command-line";

export const PORTAL_LINK_USAGE = `usage: pulumi-scalekit portal-link <tenant key> [--tenants <file>] [--features sso,dir_sync] [--stack <stack>]

Mints a fresh single-use admin portal link for a tenant's organization and prints it with its expiry;
nothing is written to any Pulumi state.
--tenants   the tenants file holding the tenant (default: the shard that holds it when the project
            has a shards.yaml, else tenants.yaml)
--features  ${PORTAL_LINK_FEATURES.join(", ")} (default: the tenant's adminPortal.features, else sso)
--stack     read the credentials from this stack's config (else SCALEKIT_* variables)`;

export interface PortalLinkArguments {
  tenant: string;
  tenantsFile?: string;
  features?: PortalLinkFeature[];
  stack?: string;
}

export function parsePortalLinkArguments(argv: readonly string[]): PortalLinkArguments {
  const { values, positional } = readCommandLine(argv, { values: ["--tenants", "--features", "--stack"] });
  if (positional.length !== 1) throw new UsageError(`expected one tenant key, got ${positional.length}`);
  return {
    tenant: positional[0],
    tenantsFile: values["--tenants"],
    features: values["--features"] === undefined ? undefined : parseFeatures(values["--features"]),
    stack: values["--stack"],
  };
}

function parseFeatures(list: string): PortalLinkFeature[] {
  const features = list.split(",").map((feature) => feature.trim()).filter(Boolean);
  const unknown = features.filter((feature) => !(PORTAL_LINK_FEATURES as readonly string[]).includes(feature));
  if (unknown.length || !features.length) throw new UsageError(`--features takes ${PORTAL_LINK_FEATURES.join(", ")} (comma separated); got ${list}`);
  return features as PortalLinkFeature[];
}
