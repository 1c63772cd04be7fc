import { isNotFound } from "../core/api-error";
import type { HttpClient } from "../core/http";
import { path, query } from "../core/path";
import type { CreateOrganizationBody, OrganizationFeatureToggle, UpdateOrganizationBody } from "./requests";
import { Empty, OrganizationEnvelope, OrganizationPage, type OrganizationWire } from "./wire";

export interface OrganizationPageRequest {
  pageSize?: number;
  pageToken?: string;
  externalId?: string;
}

export class OrganizationsApi {
  constructor(private readonly http: HttpClient) {}

  /**
   * POST /api/v1/organizations. A create whose response is lost is reconciled by external id, so a
   * retry returns the organization the first attempt committed instead of creating a second one.
   */
  async create(body: CreateOrganizationBody): Promise<OrganizationWire> {
    const externalId = body.external_id;
    const { organization } = await this.http.send({
      method: "POST",
      path: "/api/v1/organizations",
      body,
      schema: OrganizationEnvelope,
      reconcile: externalId
        ? async () => {
            const found = await this.findByExternalId(externalId);
            return found && { organization: found };
          }
        : undefined,
    });
    return organization;
  }

  async get(id: string): Promise<OrganizationWire> {
    const { organization } = await this.http.send({ method: "GET", path: path`/api/v1/organizations/${id}`, schema: OrganizationEnvelope });
    return organization;
  }

  /** The organization with this id, or undefined when there is none. */
  async findById(id: string): Promise<OrganizationWire | undefined> {
    try {
      return await this.get(id);
    } catch (error) {
      if (isNotFound(error)) return undefined;
      throw error;
    }
  }

  async getByExternalId(externalId: string): Promise<OrganizationWire> {
    const { organization } = await this.http.send({
      method: "GET",
      path: path`/api/v1/organizations:external/${externalId}`,
      schema: OrganizationEnvelope,
    });
    return organization;
  }

  /** The organization with this external id, or undefined when there is none. */
  async findByExternalId(externalId: string): Promise<OrganizationWire | undefined> {
    try {
      return await this.getByExternalId(externalId);
    } catch (error) {
      if (isNotFound(error)) return undefined;
      throw error;
    }
  }

  async listPage(request: OrganizationPageRequest = {}) {
    const page = await this.http.send({
      method: "GET",
      path: "/api/v1/organizations" + query({ page_size: request.pageSize, page_token: request.pageToken || undefined, external_id: request.externalId }),
      schema: OrganizationPage,
    });
    return { organizations: page.organizations ?? [], nextPageToken: page.next_page_token || undefined, totalSize: page.total_size ?? undefined };
  }

  /** Every organization, following page tokens. */
  async *list(pageSize = 100): AsyncGenerator<OrganizationWire> {
    let pageToken: string | undefined;
    do {
      const page = await this.listPage({ pageSize, pageToken });
      yield* page.organizations;
      pageToken = page.nextPageToken;
    } while (pageToken);
  }

  async update(id: string, body: UpdateOrganizationBody): Promise<OrganizationWire> {
    const { organization } = await this.http.send({ method: "PATCH", path: path`/api/v1/organizations/${id}`, body, schema: OrganizationEnvelope });
    return organization;
  }

  async updateSettings(id: string, features: OrganizationFeatureToggle[]): Promise<OrganizationWire> {
    const { organization } = await this.http.send({
      method: "PATCH",
      path: path`/api/v1/organizations/${id}/settings`,
      body: { features },
      schema: OrganizationEnvelope,
    });
    return organization;
  }

  async delete(id: string): Promise<void> {
    await this.http.send({ method: "DELETE", path: path`/api/v1/organizations/${id}`, schema: Empty });
  }
}
