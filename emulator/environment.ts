import { randomInt } from "node:crypto";
import { AccessTokens } from "./auth/access-tokens";
import { SigningKeys } from "./auth/signing-keys";
import { IdGenerator } from "./ids";
import { Collection, type StoredRecord } from "./storage/collection";
import { openDatabase, type Database } from "./storage/database";
import { MetaStore } from "./storage/meta";
import { randomSecret } from "./secrets";
import type { ConnectionRecord } from "./api/connections/record";
import type { DomainRecord } from "./api/domains/record";
import type { OrganizationRecord } from "./api/organizations/record";
import type { PortalLinkRecord } from "./api/portal-links/record";

export interface EnvironmentSettings {
  dataFile?: string;
  seed?: number;
  clientId?: string;
  clientSecret?: string;
  tokenTtlSeconds: number;
  portalLinkTtlSeconds: number;
  domainVerification: DomainVerification;
  mcpTokenIssuer: McpTokenIssuer;
  defaultRefreshTokenExpirySeconds: number;
  strictConnectionUpdates: boolean;
}

/**
 * How an ORGANIZATION_DOMAIN created through the API starts. "ADMIN": verified at once (VERIFIED /
 * ADMIN), as Scalekit documents since 2026-05. "DNS": PENDING until a TXT record is published, as
 * before; nothing in the emulator ever verifies it.
 */
export type DomainVerification = "ADMIN" | "DNS";

/** The `iss` of MCP resource tokens: the environment URL, or `{env}/resources/{res}` (Scalekit is migrating to it). */
export type McpTokenIssuer = "environment" | "resource";

/**
 * Everything one emulated Scalekit environment owns: its database, identity and credentials,
 * signing keys, token service and the record collections. Route handlers receive this.
 */
export class Environment {
  readonly db: Database;
  readonly meta: MetaStore;
  readonly seed: number;
  readonly ids: IdGenerator;
  readonly environmentId: string;
  readonly clientId: string;
  readonly clientSecret: string;
  readonly keys: SigningKeys;
  readonly tokens: AccessTokens;
  readonly portalLinkTtlSeconds: number;
  readonly domainVerification: DomainVerification;
  readonly mcpTokenIssuer: McpTokenIssuer;
  /** The refresh-token lifetime of MCP servers registered without one. */
  readonly defaultRefreshTokenExpirySeconds: number;
  /** A connection PATCH must name type, provider and the current key_id (see EmulatorOptions). */
  readonly strictConnectionUpdates: boolean;
  readonly organizations: Collection<OrganizationRecord>;
  readonly domains: Collection<DomainRecord>;
  readonly connections: Collection<ConnectionRecord>;
  readonly portalLinks: Collection<PortalLinkRecord>;
  /** The environment URL without a trailing slash; set once the server listens. */
  url = "";

  constructor(settings: EnvironmentSettings) {
    this.db = openDatabase(settings.dataFile);
    this.meta = new MetaStore(this.db);
    this.seed = this.meta.getOrCreate("seed", () => settings.seed ?? randomInt(2 ** 31));
    this.ids = new IdGenerator(this.seed, this.meta);
    this.environmentId = this.meta.getOrCreate("environment_id", () => this.ids.next("env"));
    this.clientId = this.credential("client_id", settings.clientId, () => this.ids.next("skc"));
    // Never derived from the seed: ids (public) are, so a seeded secret could be computed by anyone.
    this.clientSecret = this.credential("client_secret", settings.clientSecret, () => `test_${randomSecret(48)}`);
    this.keys = new SigningKeys(this.meta, this.ids);
    this.tokens = new AccessTokens(this.db, this.keys, this.ids, () => this.url, settings.tokenTtlSeconds);
    this.portalLinkTtlSeconds = settings.portalLinkTtlSeconds;
    this.domainVerification = settings.domainVerification;
    this.mcpTokenIssuer = settings.mcpTokenIssuer;
    this.defaultRefreshTokenExpirySeconds = settings.defaultRefreshTokenExpirySeconds;
    this.strictConnectionUpdates = settings.strictConnectionUpdates;
    this.organizations = this.collection<OrganizationRecord>("organization");
    this.domains = this.collection<DomainRecord>("domain");
    this.connections = this.collection<ConnectionRecord>("connection");
    this.portalLinks = this.collection<PortalLinkRecord>("portal_link");
  }

  /** Runs `fn` in one SQLite transaction, so a multi-record write is all or nothing. */
  transaction<T>(fn: () => T): T {
    return this.db.transaction(fn)();
  }

  close(): void {
    if (this.db.open) this.db.close();
  }

  private collection<T extends StoredRecord>(kind: string): Collection<T> {
    return new Collection<T>(this.db, kind);
  }

  private credential(key: string, given: string | undefined, generate: () => string): string {
    if (given !== undefined) {
      this.meta.set(key, given);
      return given;
    }
    return this.meta.getOrCreate(key, generate);
  }
}
