import { invalidField, notFound } from "../../errors";
import { readQuery } from "../../http/query";
import { jsonBody, ok, type ApiRequest, type Reply, type RouteTable } from "../../http/route-table";
import { field, readMessage } from "../../http/wire-message";
import type { Environment } from "../../environment";
import { randomSecret } from "../../secrets";
import { requireOrganization } from "../organizations/lookup";
import { DOMAIN_TYPES, type DomainRecord, type DomainType } from "./record";
import { assertDomainUnclaimed, checkDomainName } from "./rules";

const DEFAULT_PAGE_SIZE = 30;
const MAX_PAGE_SIZE = 100;
const INCLUDE_VALUES = ["verification_details"];

const CREATE_DOMAIN = {
  domain: field.string(),
  domain_type: field.enumOf(DOMAIN_TYPES),
};

/** `UpdateDomain` is an empty message: nothing about a domain can change after creation. */
const UPDATE_DOMAIN = {
  domain: field.refused("the domain name cannot be changed once created; delete it and create a new one"),
  domain_type: field.refused("the domain type cannot be changed once created; delete it and create a new one"),
};

export function registerDomainRoutes(routes: RouteTable): void {
  const base = "/api/v1/organizations/{organization_id}/domains";
  routes
    .add("POST", base, createDomain)
    .add("GET", base, listDomains)
    .add("GET", `${base}/{id}`, getDomain)
    .add("PATCH", `${base}/{id}`, updateDomain)
    .add("DELETE", `${base}/{id}`, deleteDomain);
}

function createDomain(request: ApiRequest): Reply {
  readQuery(request.query, {});
  const body = readMessage(jsonBody(request), CREATE_DOMAIN);
  const { env } = request;
  const domain = checkDomainName(body.domain);
  const type = (body.domain_type as DomainType | null | undefined) ?? "ORGANIZATION_DOMAIN";
  return env.transaction(() => {
    const org = requireOrganization(env, request.params.organization_id);
    assertDomainUnclaimed(env, domain);
    const now = new Date().toISOString();
    const record: DomainRecord = {
      id: env.ids.next("dom"),
      domain,
      environment_id: env.environmentId,
      organization_id: org.id,
      domain_type: type,
      ...initialVerification(env, type),
      create_time: now,
      update_time: now,
    };
    env.domains.insert(record, org.id);
    // CreateDomain is documented with 200, not 201.
    return ok({ domain: record });
  });
}

/**
 * "Domains created via the API are also Admin-verified by default, no DNS verification is required"
 * (DD `authenticate/manage-users-orgs/organization-domains.mdx`): VERIFIED / ADMIN. With the "DNS"
 * setting an organization domain waits for a TXT record instead; its host is the one in Scalekit's
 * webhook examples, its value (format not documented) is random. Allowed email domains need nothing.
 */
function initialVerification(env: Environment, type: DomainType): Pick<DomainRecord, "verification_status" | "verification_method" | "txt_record_key" | "txt_record_secret"> {
  if (type === "ALLOWED_EMAIL_DOMAIN") return { verification_status: "AUTO_VERIFIED", verification_method: "NOT_APPLICABLE" };
  if (env.domainVerification === "ADMIN") return { verification_status: "VERIFIED", verification_method: "ADMIN" };
  return {
    verification_status: "PENDING",
    verification_method: "DNS",
    txt_record_key: "scalekit-domain-verification",
    txt_record_secret: `scalekit-verification=${randomSecret(32)}`,
  };
}

function getDomain(request: ApiRequest): Reply {
  readQuery(request.query, {});
  return ok({ domain: requireDomain(request) });
}

function listDomains(request: ApiRequest): Reply {
  const query = readQuery(request.query, { page_size: "int", page_number: "int", domain_type: "string", include: "string" });
  const pageSize = (query.page_size as number | undefined) || DEFAULT_PAGE_SIZE;
  if (pageSize < 1 || pageSize > MAX_PAGE_SIZE) throw invalidField("page_size", `must be between 1 and ${MAX_PAGE_SIZE}`);
  const pageNumber = (query.page_number as number | undefined) ?? 0;
  if (pageNumber < 0) throw invalidField("page_number", "must be 0 or more (page numbers are 0-based)");
  const type = query.domain_type as string | undefined;
  if (type !== undefined && !(DOMAIN_TYPES as readonly string[]).includes(type)) {
    throw invalidField("domain_type", `must be one of ${DOMAIN_TYPES.join(", ")}`);
  }
  const include = query.include as string | undefined;
  for (const item of include ? include.split(",") : []) {
    if (!INCLUDE_VALUES.includes(item.trim())) throw invalidField("include", `must be one of ${INCLUDE_VALUES.join(", ")}`);
  }
  const org = requireOrganization(request.env, request.params.organization_id);
  const all = request.env.domains.list(org.id).filter((d) => type === undefined || d.domain_type === type);
  const domains = all.slice(pageNumber * pageSize, (pageNumber + 1) * pageSize);
  // ListDomainResponse.page_size is "number of domains returned in this page".
  return ok({ page_size: domains.length, page_number: pageNumber, domains });
}

function updateDomain(request: ApiRequest): Reply {
  readQuery(request.query, {});
  readMessage(jsonBody(request), UPDATE_DOMAIN);
  return ok({ domain: requireDomain(request) });
}

function deleteDomain(request: ApiRequest): Reply {
  readQuery(request.query, {});
  const domain = requireDomain(request);
  request.env.domains.delete(domain.id);
  return ok({});
}

function requireDomain(request: ApiRequest): DomainRecord {
  const org = requireOrganization(request.env, request.params.organization_id);
  const domain = request.env.domains.get(request.params.id);
  if (!domain || domain.organization_id !== org.id) throw notFound("domain", request.params.id);
  return domain;
}
