import { PORTAL_LINK_FEATURES, type PortalLinkFeature } from "../../provider/api/enums";

export const PORTAL_LINK_USAGE = `usage: npm run portal-link -- <tenant key> [--tenants <file>] [--features sso,dir_sync]

Mints a fresh single-use admin portal link for a tenant's organization and prints it with its expiry.
--tenants   the tenants file holding the tenant (default: the shard that holds it when shards.yaml
            exists, else tenants.yaml)
--features  ${PORTAL_LINK_FEATURES.join(", ")} (default: the tenant's adminPortal.features, else sso)
Credentials: SCALEKIT_ENVIRONMENT_URL, SCALEKIT_CLIENT_ID, SCALEKIT_CLIENT_SECRET.`;

export interface PortalLinkArguments {
  tenant: string;
  tenantsFile?: string;
  features?: PortalLinkFeature[];
}

export function parsePortalLinkArguments(argv: readonly string[]): PortalLinkArguments {
  const positional: string[] = [];
  let tenantsFile: string | undefined;
  let features: PortalLinkFeature[] | undefined;
  for (let index = 0; index < argv.length; index++) {
    const [flag, inline] = argv[index].startsWith("--") ? argv[index].split(/=(.*)/s, 2) : [argv[index]];
    const value = () => {
      const given = inline ?? argv[++index];
      if (!given || given.startsWith("--")) throw new Error(`${flag} needs a value\n${PORTAL_LINK_USAGE}`);
      return given;
    };
    if (flag === "--tenants") tenantsFile = value();
    else if (flag === "--features") features = parseFeatures(value());
    else if (flag.startsWith("-")) throw new Error(`unknown option ${flag}\n${PORTAL_LINK_USAGE}`);
    else positional.push(flag);
  }
  if (positional.length !== 1) throw new Error(`expected one tenant key, got ${positional.length}\n${PORTAL_LINK_USAGE}`);
  return { tenant: positional[0], tenantsFile, features };
}

function parseFeatures(list: string): PortalLinkFeature[] {
  const features = list.split(",").map((feature) => feature.trim()).filter(Boolean);
  const unknown = features.filter((feature) => !(PORTAL_LINK_FEATURES as readonly string[]).includes(feature));
  if (unknown.length || !features.length) throw new Error(`--features takes ${PORTAL_LINK_FEATURES.join(", ")} (comma separated); got ${list}`);
  return features as PortalLinkFeature[];
}
