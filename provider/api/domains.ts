import type { HttpClient } from "../core/http";
import { path, query } from "../core/path";
import type { DomainType } from "./enums";
import type { CreateDomainBody } from "./requests";
import { DomainEnvelope, DomainPage, Empty, type DomainWire } from "./wire";

const MAX_PAGE_SIZE = 100;

export class DomainsApi {
  constructor(private readonly http: HttpClient) {}

  /** POST …/domains; a lost response is reconciled by looking the domain name up in the organization. */
  async create(organizationId: string, body: CreateDomainBody): Promise<DomainWire> {
    const { domain } = await this.http.send({
      method: "POST",
      path: path`/api/v1/organizations/${organizationId}/domains`,
      body,
      schema: DomainEnvelope,
      reconcile: async () => {
        const found = await this.findByName(organizationId, body.domain);
        return found && { domain: found };
      },
    });
    return domain;
  }

  async get(organizationId: string, id: string): Promise<DomainWire> {
    const { domain } = await this.http.send({
      method: "GET",
      path: path`/api/v1/organizations/${organizationId}/domains/${id}`,
      schema: DomainEnvelope,
    });
    return domain;
  }

  /** One page; page numbers start at 0 and the last page is the first one shorter than pageSize. */
  async listPage(organizationId: string, page: { pageNumber?: number; pageSize?: number; domainType?: DomainType } = {}) {
    const result = await this.http.send({
      method: "GET",
      path:
        path`/api/v1/organizations/${organizationId}/domains` +
        query({ page_number: page.pageNumber, page_size: page.pageSize, domain_type: page.domainType }),
      schema: DomainPage,
    });
    return result.domains ?? [];
  }

  async *list(organizationId: string, pageSize = MAX_PAGE_SIZE): AsyncGenerator<DomainWire> {
    for (let pageNumber = 0; ; pageNumber++) {
      const domains = await this.listPage(organizationId, { pageNumber, pageSize });
      yield* domains;
      if (domains.length < pageSize) return;
    }
  }

  async findByName(organizationId: string, name: string): Promise<DomainWire | undefined> {
    const wanted = name.toLowerCase();
    for await (const domain of this.list(organizationId)) {
      if (domain.domain.toLowerCase() === wanted) return domain;
    }
    return undefined;
  }

  async delete(organizationId: string, id: string): Promise<void> {
    await this.http.send({ method: "DELETE", path: path`/api/v1/organizations/${organizationId}/domains/${id}`, schema: Empty });
  }
}
