import { CERTIFICATE_WARNING_DAYS } from "../../resources/sso-connection/certificate-expiry";
import { UsageError } from "../command-io";
import { readCommandLine } from "../command-line";

export const HEALTH_USAGE = `usage: pulumi-scalekit health [--tenants <file> | --shards <shards.yaml>] [--stack <stack>] [--html <file>] [--json] [--certificate-days <n>]

Reads each tenant from Scalekit (read-only) and prints one line per tenant; exits 1 when one needs
action, 2 when the check cannot run.
--tenants           one tenants file
--shards            every shard of a shard declaration, validated together (default: the shards.yaml
                    of the project, else its tenants.yaml)
--stack             read the credentials from this stack's config (else SCALEKIT_* variables)
--html              also write a self-contained page with the table and a certificate expiry chart
--json              print the rows as JSON
--certificate-days  a certificate expiring within this many days needs action (default ${CERTIFICATE_WARNING_DAYS})`;

export interface HealthArguments {
  tenants?: string;
  shards?: string;
  stack?: string;
  /** Where to write the HTML page, if wanted. */
  html?: string;
  /** Print the rows as JSON instead of one line per tenant. */
  json: boolean;
  certificateDays: number;
}

export function parseHealthArguments(argv: readonly string[]): HealthArguments {
  const { values, switches, positional } = readCommandLine(argv, { values: ["--tenants", "--shards", "--stack", "--html", "--certificate-days"], switches: ["--json"] });
  if (positional.length) throw new UsageError(`unexpected ${positional.join(" ")}`);
  if (values["--tenants"] && values["--shards"]) throw new UsageError("--tenants and --shards: give one of them");
  let certificateDays = CERTIFICATE_WARNING_DAYS;
  if (values["--certificate-days"] !== undefined) {
    certificateDays = Number(values["--certificate-days"]);
    if (!Number.isInteger(certificateDays) || certificateDays < 0) throw new UsageError("--certificate-days must be a whole number of days");
  }
  return { tenants: values["--tenants"], shards: values["--shards"], stack: values["--stack"], html: values["--html"], json: switches.has("--json"), certificateDays };
}
