import { Agent } from "undici";
import { RequestBudget } from "../core/budget";
import { HttpClient, type Logger } from "../core/http";
import type { RetryPolicy } from "../core/retry-policy";
import type { ClientSettings } from "../core/settings";
import { TokenSource } from "../core/token-source";
import { PACKAGE_VERSION } from "../core/version";
import { ConnectionsApi } from "./connections";
import { DomainsApi } from "./domains";
import { OrganizationsApi } from "./organizations";
import { PortalLinksApi } from "./portal-links";
import { ResourcesApi } from "./resources";

export interface ScalekitClientOptions {
  logger?: Logger;
  retryPolicy?: RetryPolicy;
  /** Share one budget between clients of the same environment; a new one otherwise. */
  budget?: RequestBudget;
}

/** Typed operations of the Scalekit management REST API over one keep-alive connection pool. */
export class ScalekitClient {
  readonly organizations: OrganizationsApi;
  readonly domains: DomainsApi;
  readonly connections: ConnectionsApi;
  readonly portalLinks: PortalLinksApi;
  /** MCP servers (Scalekit calls them resources). */
  readonly resources: ResourcesApi;
  readonly budget: RequestBudget;
  private readonly dispatcher: Agent;
  private readonly tokens: TokenSource;
  private readonly http: HttpClient;

  constructor(readonly settings: ClientSettings, options: ScalekitClientOptions = {}) {
    this.dispatcher = new Agent({ keepAliveTimeout: 10_000, connections: 32, headersTimeout: 60_000, bodyTimeout: 60_000 });
    this.tokens = new TokenSource(settings, this.dispatcher);
    this.budget = options.budget ?? new RequestBudget(settings.requestsPerMinute);
    this.http = new HttpClient({
      environmentUrl: settings.environmentUrl,
      tokens: this.tokens,
      budget: this.budget,
      dispatcher: this.dispatcher,
      userAgent: `pulumi-scalekit/${PACKAGE_VERSION}`,
      retryPolicy: options.retryPolicy,
      logger: options.logger,
    });
    this.organizations = new OrganizationsApi(this.http);
    this.domains = new DomainsApi(this.http);
    this.connections = new ConnectionsApi(this.http);
    this.portalLinks = new PortalLinksApi(this.http);
    this.resources = new ResourcesApi(this.http);
  }

  /** Requests sent so far: API calls (retries included) and token requests. */
  get stats() {
    return { apiRequests: this.http.requestCount, tokenRequests: this.tokens.tokenRequests };
  }

  close(): Promise<void> {
    return this.dispatcher.close();
  }
}
