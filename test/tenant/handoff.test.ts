import * as pulumi from "@pulumi/pulumi";
import { Tenant } from "../../provider";

/*
 * The hand-off bundle tells the customer's IT admin only what they have to do: a TXT record only for a
 * domain Scalekit still waits to verify by DNS (its Domain outputs `dnsRecord` then), none for the
 * admin-verified ones the API creates.
 */
pulumi.runtime.setMocks(
  {
    newResource(args) {
      if (args.type.endsWith(":Organization")) return { id: "org_1", state: { ...args.inputs, organizationId: "org_1" } };
      if (args.type.endsWith(":Domain")) {
        const pending = args.inputs.domain === "pending.example";
        const verification = pending
          ? { verificationStatus: "PENDING", verificationMethod: "DNS", dnsRecord: { type: "TXT", name: "scalekit-domain-verification", value: "scalekit-verification=abc" } }
          : { verificationStatus: "VERIFIED", verificationMethod: "ADMIN" };
        return { id: `org_1/dom_${args.name.length}`, state: { ...args.inputs, ...verification } };
      }
      return { id: `${args.name}-id`, state: args.inputs };
    },
    call: (args) => args.inputs,
  },
  "handoff",
  "test",
  false,
);

const valueOf = <T>(output: pulumi.Output<T>) => new Promise<T>((resolve) => output.apply(resolve));

describe("the hand-off bundle", () => {
  it("lists a TXT record only for the domain pending DNS verification", async () => {
    const tenant = new Tenant("acme", { name: "Acme", domains: ["verified.example", "pending.example"], protectOrganization: false });
    expect(await valueOf(tenant.handoff.dnsTxtRecords)).toEqual([{ domain: "pending.example", type: "TXT", name: "scalekit-domain-verification", value: "scalekit-verification=abc" }]);
  });

  it("lists none when every domain is admin-verified", async () => {
    const tenant = new Tenant("globex", { name: "Globex", domains: ["verified.example"], protectOrganization: false });
    expect(await valueOf(tenant.handoff.dnsTxtRecords)).toEqual([]);
  });
});
