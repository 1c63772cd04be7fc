import { randomInt } from "node:crypto";
import { AccessTokens } from "./auth/access-tokens";
import { SigningKeys } from "./auth/signing-keys";
import { IdGenerator } from "./ids";
import { Collection, type StoredRecord } from "./storage/collection";
import { openDatabase, type Database } from "./storage/database";
import { MetaStore } from "./storage/meta";
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
}

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
    this.clientSecret = this.credential("client_secret", settings.clientSecret, () => `test_${this.ids.secret("client_secret", 48)}`);
    this.keys = new SigningKeys(this.meta, this.ids);
    this.tokens = new AccessTokens(this.db, this.keys, this.ids, () => this.url, settings.tokenTtlSeconds);
    this.portalLinkTtlSeconds = settings.portalLinkTtlSeconds;
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
