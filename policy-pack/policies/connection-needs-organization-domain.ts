import type { PolicyResource, StackValidationPolicy } from "@pulumi/policy";
import { known, UNKNOWN } from "../support/known";
import { StackOrganizations } from "../support/organizations";
import { SCALEKIT_TYPES } from "../support/resource-types";

/**
 * Checked on the stack as a whole, on each resource's final outputs (AnalyzeStack, pulumi/pulumi
 * pkg/resource/deploy/step_generator.go, AnalyzeResources). In a preview those are the checked inputs,
 * where an organization id still to be created is unknown: the organization is then recognised by the
 * input's dependency on it. Anything still unknown counts in the connection's favour.
 */
export const connectionNeedsOrganizationDomain: StackValidationPolicy = {
  name: "scalekit-connection-needs-organization-domain",
  description:
    "An enabled SSO connection's organization has at least one ORGANIZATION_DOMAIN: Scalekit routes users to SSO by their email domain, so without one nobody reaches the connection.",
  enforcementLevel: "mandatory",
  validateStack: (args, reportViolation) => {
    const organizations = new StackOrganizations(args.resources);
    const domains = args.resources.filter((resource) => resource.type === SCALEKIT_TYPES.domain);
    const connections = args.resources.filter((resource) => resource.type === SCALEKIT_TYPES.ssoConnection);
    for (const connection of connections) {
      const enabled = known(() => connection.props.enabled);
      if (enabled === false || enabled === UNKNOWN) continue; // Absent means the default, enabled.
      const organization = organizations.keyOf(connection);
      if (organization === undefined) continue;
      const siblings = domains.map((domain) => ({ domain, organization: organizations.keyOf(domain) }));
      const visible = organizations.declares(organization) || siblings.some((sibling) => sibling.organization === organization);
      if (!visible) continue; // An organization managed elsewhere: its domains are not in this stack.
      const couldRoute = siblings.some(
        (sibling) => (sibling.organization === undefined || sibling.organization === organization) && routesToSso(sibling.domain),
      );
      if (couldRoute) continue;
      reportViolation(
        `SSO connection ${connection.name} is enabled, but its organization has no ORGANIZATION_DOMAIN in this stack, so no user is routed to it; ` +
          "add the customer's email domain (domainType ORGANIZATION_DOMAIN, the default) or set enabled: false.",
        connection.urn,
      );
    }
  },
};

function routesToSso(domain: PolicyResource): boolean {
  const type = known(() => domain.props.domainType);
  return type === UNKNOWN || type === undefined || type === "ORGANIZATION_DOMAIN";
}
