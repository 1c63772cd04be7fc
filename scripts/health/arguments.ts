import { CERTIFICATE_WARNING_DAYS } from "../../provider/resources/sso-connection/certificate-expiry";

export const HEALTH_USAGE = "usage: npm run health -- --tenants <file> [--html <file>] [--json] [--certificate-days <n>]";

export interface HealthArguments {
  tenants: string;
  /** Where to write the HTML page, if wanted. */
  html?: string;
  /** Print the rows as JSON instead of one line per tenant. */
  json: boolean;
  certificateDays: number;
}

/** `--tenants <file> [--html <file>] [--json] [--certificate-days <n>]`; throws naming what is wrong. */
export function parseHealthArguments(argv: readonly string[]): HealthArguments {
  let tenants: string | undefined;
  let html: string | undefined;
  let json = false;
  let certificateDays = CERTIFICATE_WARNING_DAYS;
  for (let index = 0; index < argv.length; index++) {
    const [flag, inline] = argv[index].split(/=(.*)/s, 2);
    const value = () => {
      const given = inline ?? argv[++index];
      if (given === undefined || given === "") throw new Error(`${flag} needs a value`);
      return given;
    };
    if (flag === "--tenants") tenants = value();
    else if (flag === "--html") html = value();
    else if (flag === "--json") json = true;
    else if (flag === "--certificate-days") {
      certificateDays = Number(value());
      if (!Number.isInteger(certificateDays) || certificateDays < 0) throw new Error("--certificate-days must be a whole number of days");
    } else throw new Error(`unknown argument ${flag}`);
  }
  if (!tenants) throw new Error("--tenants <file> is required");
  return { tenants, html, json, certificateDays };
}
