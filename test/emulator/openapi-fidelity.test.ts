/**
 * Every response of the public endpoints the emulator serves is validated against Scalekit's
 * OpenAPI schema for that operation and status (test/fixtures/scalekit-openapi.subset.json, made by
 * scripts/derive-openapi-fixture.ts). A second, stricter pass also refuses properties the spec does
 * not declare in success bodies, apart from the PREVIEW fields listed below, so the emulator cannot
 * drift into inventing fields; error bodies must be exactly the grpc-gateway status shape.
 */
import Ajv2020, { type ValidateFunction } from "ajv/dist/2020";
import addFormats from "ajv-formats";
import fixture from "../fixtures/scalekit-openapi.subset.json";
import { createOrganization, IDP_CERTIFICATE_PEM, startSession, type ApiResponse, type Session } from "./support";

/** Fields the emulator returns that exist in the protos but are PREVIEW (hidden from the public spec). */
const PREVIEW_PROPERTIES: Record<string, Record<string, object>> = {
  domainsDomain: { txt_record_key: { type: "string" }, txt_record_secret: { type: "string" } },
  connectionsConnection: {
    ui_button_title: { type: "string" },
    create_time: { type: "string", format: "date-time" },
    update_time: { type: "string", format: "date-time" },
  },
  connectionsListConnection: { ui_button_title: { type: "string" }, created_at: { type: "string", format: "date-time" } },
};

type Doc = typeof fixture & { components: { schemas: Record<string, any> } };
const SPEC_ID = "https://scalekit.test/openapi.json";
const STRICT_ID = "https://scalekit.test/openapi.strict.json";

function strictCopy(doc: Doc): Doc {
  const copy = JSON.parse(JSON.stringify(doc)) as Doc;
  for (const [name, schema] of Object.entries(copy.components.schemas)) {
    if (schema.properties && schema.additionalProperties === undefined) {
      schema.properties = { ...schema.properties, ...PREVIEW_PROPERTIES[name] };
      schema.additionalProperties = false;
    }
  }
  return copy;
}

const ajv = new Ajv2020({ allErrors: true, strict: false });
addFormats(ajv);
ajv.addSchema(fixture as object, SPEC_ID);
ajv.addSchema(strictCopy(fixture as Doc) as object, STRICT_ID);

/** Any error body: the grpc-gateway status with ErrorInfo details. */
const validateErrorShape = ajv.compile({
  type: "object",
  required: ["code", "message", "details"],
  additionalProperties: false,
  properties: {
    code: { type: "integer" },
    message: { type: "string" },
    details: {
      type: "array",
      minItems: 1,
      items: {
        allOf: [{ $ref: `${SPEC_ID}#/components/schemas/errdetailsErrorInfo` }],
        properties: { "@type": { const: "type.googleapis.com/scalekit.v1.errdetails.ErrorInfo" } },
        required: ["@type", "error_code"],
        unevaluatedProperties: false,
      },
    },
  },
});

interface Operation {
  operationId: string;
  method: string;
  regex: RegExp;
  hasVerb: boolean;
  statuses: string[];
  pointer: string;
}

const operations: Operation[] = Object.entries(fixture.paths as Record<string, Record<string, any>>)
  .flatMap(([path, item]) =>
    Object.entries(item).map(([method, op]) => ({
      operationId: op.operationId as string,
      method: method.toUpperCase(),
      regex: new RegExp(`^${path.replace(/[.*+?^$()|[\]\\]/g, "\\$&").replace(/\{[^}]+\}/g, "([^/:]+)")}$`),
      hasVerb: /}:[a-z]+$/.test(path),
      statuses: Object.keys(op.responses),
      pointer: `#/paths/${path.replace(/~/g, "~0").replace(/\//g, "~1")}/${method}/responses`,
    })),
  )
  .sort((a, b) => Number(b.hasVerb) - Number(a.hasVerb));

const seen = new Set<string>();

function validatorFor(id: string, pointer: string): ValidateFunction {
  const validate = ajv.getSchema(`${id}${pointer}`);
  if (!validate) throw new Error(`no schema at ${pointer}`);
  return validate;
}

/** Validates a response of a public operation; returns it for further assertions. */
function conforms(method: string, path: string, res: ApiResponse): ApiResponse {
  const pathname = path.split("?")[0];
  const op = operations.find((o) => o.method === method && o.regex.test(pathname));
  if (!op) throw new Error(`${method} ${pathname} is not a public operation of the fixture`);
  const status = String(res.status);
  const label = `${op.operationId} ${status}`;
  expect({ label, json: res.headers.get("content-type") }).toEqual({ label, json: "application/json" });
  if (op.statuses.includes(status)) {
    seen.add(label);
    const pointer = `${op.pointer}/${status}/content/application~1json/schema`;
    // Error bodies get the strict treatment from validateErrorShape below instead: the spec documents
    // CreateDomain's 400 as a bare ErrorInfo, while the server sends the grpc-gateway status wrapping one.
    for (const id of res.status < 400 ? [SPEC_ID, STRICT_ID] : [SPEC_ID]) {
      const validate = validatorFor(id, pointer);
      const valid = validate(res.json);
      expect({ label, schema: id, errors: valid ? null : validate.errors }).toEqual({ label, schema: id, errors: null });
    }
  }
  if (res.status >= 400) {
    const valid = validateErrorShape(res.json);
    expect({ label, errors: valid ? null : validateErrorShape.errors }).toEqual({ label, errors: null });
  } else {
    expect(op.statuses).toContain(status);
  }
  return res;
}

let session: Session;
const call = async (method: string, path: string, body?: unknown) => conforms(method, path, await session.call(method, path, body));

beforeAll(async () => {
  session = await startSession({ seed: 5 });
});
afterAll(() => session.emulator.close());

describe("responses match the public OpenAPI schemas", () => {
  it("organizations", async () => {
    const created = await call("POST", "/api/v1/organizations", {
      display_name: "Spec Corp", external_id: "spec-1", metadata: { tier: "gold" }, slug: "spec-corp", logo_url: "https://cdn.example.com/l.png",
    });
    const id = created.json.organization.id;
    await call("POST", "/api/v1/organizations", { display_name: "Bare" });
    for (let i = 0; i < 12; i++) await createOrganization(session, { display_name: `Filler ${i}` });
    await call("GET", `/api/v1/organizations/${id}`);
    await call("GET", "/api/v1/organizations:external/spec-1");
    await call("GET", "/api/v1/organizations:external/nobody");
    await call("GET", "/api/v1/organizations:external/spec-1?id=org_1");
    const page = await call("GET", "/api/v1/organizations?page_size=10");
    await call("GET", `/api/v1/organizations?page_size=10&page_token=${page.json.next_page_token}`);
    await call("GET", "/api/v1/organizations?external_id=spec-1");
    await call("GET", "/api/v1/organizations?page_token=bogus");
    await call("PATCH", `/api/v1/organizations/${id}`, { display_name: "Spec Corp 2", slug: "" });
    await call("PATCH", `/api/v1/organizations/${id}/settings`, { features: [{ name: "sso", enabled: true }, { name: "dir_sync", enabled: false }] });
    await call("PATCH", `/api/v1/organizations/${id}/settings`, { features: [{ name: "nope", enabled: true }] });
    await call("PATCH", "/api/v1/organizations/org_404/settings", { features: [] });
    await call("GET", "/api/v1/organizations/org_404");
    await call("POST", "/api/v1/organizations", { display_name: "" });
    const doomed = (await call("POST", "/api/v1/organizations", { display_name: "Doomed" })).json.organization.id;
    await call("DELETE", `/api/v1/organizations/${doomed}`);
  });

  it("domains", async () => {
    const org = await createOrganization(session, { display_name: "Domain Spec" });
    const base = `/api/v1/organizations/${org.id}/domains`;
    const created = await call("POST", base, { domain: "spec.example" });
    await call("POST", base, { domain: "mail.spec.example", domain_type: "ALLOWED_EMAIL_DOMAIN" });
    await call("POST", base, { domain: "spec.example" });
    await call("POST", base, { domain: "gmail.com" });
    await call("POST", base, { domain: "not a domain" });
    await call("GET", `${base}/${created.json.domain.id}`);
    await call("GET", `${base}?page_size=1&page_number=1`);
    await call("GET", `${base}?domain_type=ORGANIZATION_DOMAIN`);
    await call("GET", `${base}/dom_404`);
    await call("DELETE", `${base}/${created.json.domain.id}`);
  });

  it("connections and portal links", async () => {
    const org = await createOrganization(session, { display_name: "Connection Spec" });
    await session.call("POST", `/api/v1/organizations/${org.id}/domains`, { domain: "conn-spec.example" });
    const base = `/api/v1/organizations/${org.id}/connections`;
    const saml = (await session.call("POST", base, { provider: "OKTA", type: "SAML", key_id: "k1" })).json.connection.id;
    const oidc = (await session.call("POST", base, { provider: "OKTA", type: "OIDC" })).json.connection.id;
    const other = (await session.call("POST", base, { provider: "CUSTOM", type: "PASSWORD" })).json.connection.id;
    await call("GET", `${base}/${saml}`);
    await call("GET", `${base}/${oidc}`);
    await call("GET", `${base}/${other}`);
    await session.call("PATCH", `${base}/${saml}`, {
      saml_config: {
        idp_entity_id: "urn:idp", idp_sso_url: "https://idp.example/sso", idp_certificate: IDP_CERTIFICATE_PEM,
        idp_name_id_format: "EMAIL", idp_sso_request_binding: "HTTP_POST", saml_signing_option: "SAML_ONLY_RESPONSE_SIGNING", force_authn: false,
      },
      attribute_mapping: { email: "mail" },
      configuration_type: "MANUAL",
    });
    await session.call("PATCH", `${base}/${oidc}`, {
      oidc_config: { issuer: "https://idp.example", client_id: "c", client_secret: "s", scopes: ["openid"], token_auth_type: "URL_PARAMS", pkce_enabled: true },
    });
    await call("GET", `${base}/${saml}`);
    await call("GET", `${base}/${oidc}`);
    await call("PATCH", `${base}/${saml}:enable`);
    await call("PATCH", `${base}/${other}:enable`);
    await call("GET", `/api/v1/connections?organization_id=${org.id}`);
    await call("GET", `/api/v1/connections?organization_id=${org.id}&include=all`);
    await call("GET", "/api/v1/connections?domain=conn-spec.example");
    await call("PATCH", `${base}/${saml}:disable`);
    await call("DELETE", `${base}/${oidc}`);
    await call("GET", `${base}/${oidc}`);

    await call("PUT", `/api/v1/organizations/${org.id}/portal_links?features=sso&features=dir_sync`);
    await call("PUT", `/api/v1/organizations/${org.id}/portal_links`);
    await call("PUT", "/api/v1/organizations/org_404/portal_links");
  });

  it("covered every operation and every documented status", () => {
    const documented = operations.flatMap((op) => op.statuses.map((status) => `${op.operationId} ${status}`)).sort();
    expect([...seen].sort()).toEqual(documented);
  });
});
