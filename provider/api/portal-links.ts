import type { HttpClient } from "../core/http";
import { path, query } from "../core/path";
import type { PortalLinkFeature } from "./enums";
import { Empty, PortalLinkEnvelope, type PortalLinkWire } from "./wire";

export class PortalLinksApi {
  constructor(private readonly http: HttpClient) {}

  /** PUT …/portal_links: a new single-use admin portal link, valid for about a minute. */
  async generate(organizationId: string, features: ReadonlyArray<PortalLinkFeature>): Promise<PortalLinkWire> {
    const { link } = await this.http.send({
      method: "PUT",
      path: path`/api/v1/organizations/${organizationId}/portal_links` + query({ features }),
      schema: PortalLinkEnvelope,
    });
    return link;
  }

  async revoke(organizationId: string, linkId: string): Promise<void> {
    await this.http.send({
      method: "DELETE",
      path: path`/api/v1/organizations/${organizationId}/portal_links/${linkId}`,
      schema: Empty,
    });
  }
}
