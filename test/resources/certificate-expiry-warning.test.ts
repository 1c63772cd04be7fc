import { selfSignedCertificate } from "../helpers/certificates";
import { useEmulator } from "../helpers/emulator";
import { captureWarnings, configureRuntime, runtime } from "../helpers/runtime";

/** `pulumi refresh` of an SSOConnection warns when Scalekit's IdP certificate expires within 30 days. */
const env = useEmulator();
const warnings = captureWarnings();
afterAll(() => runtime.closeClients());
const DAY = 86_400_000;

async function connectionWithCertificate(name: string, validForDays: number) {
  const rt = configureRuntime(env.emulator);
  const organizationId = (await rt.create("Organization", (await rt.check("Organization", {}, { displayName: name })).inputs)).id;
  const notAfter = new Date(Date.now() + validForDays * DAY + 3_600_000);
  const { cert } = await selfSignedCertificate({ commonName: name, notAfter });
  const { inputs, failures } = await rt.check("SSOConnection", {}, {
    organizationId,
    provider: "OKTA",
    saml: { entityId: `https://${name}.example/entity`, ssoUrl: `https://${name}.example/sso`, certificate: cert },
  });
  expect(failures).toEqual([]);
  return { created: await rt.create("SSOConnection", inputs), notAfter };
}

test("a certificate expiring in 12 days: refresh warns, naming the connection, the date and the days left", async () => {
  const { created, notAfter } = await connectionWithCertificate("soon-co", 12);
  const read = await runtime.read("SSOConnection", created.id, created.outs);
  expect(read.props).toMatchObject({ idpCertificateExpiresAt: notAfter.toISOString().replace(/\.\d{3}Z$/, ".000Z") });
  expect(warnings.messages).toEqual([
    expect.stringContaining(`SSO connection ${created.id}: the IdP signing certificate expires on ${notAfter.toISOString().slice(0, 10)} (in 12 days)`),
  ]);
});

test("a certificate valid for a year: refresh says nothing", async () => {
  const { created } = await connectionWithCertificate("later-co", 365);
  await runtime.read("SSOConnection", created.id, created.outs);
  expect(warnings.messages).toEqual([]);
});
