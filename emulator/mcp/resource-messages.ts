import { field, type MessageSpec } from "../http/wire-message";

const RESOURCE_TYPES = ["WEB", "MOBILE", "DESKTOP", "SERVER", "MCP_SERVER"] as const;

/** The fields a resource's create and update bodies share. */
const RESOURCE_FIELDS: MessageSpec = {
  name: field.string(),
  description: field.string(),
  resource_uri: field.string(),
  access_token_expiry: field.int64(),
  refresh_token_expiry: field.int64(),
  disable_dynamic_client_registration: field.bool(),
  logo_uri: field.string(),
  provider: field.string(),
  resource_id: field.string(),
  scopes: field.repeated(field.string()),
  intersect_scopes_user_permission: field.bool(),
  enable_cimd: field.bool(),
  xaa_enabled: field.bool(),
};

/** `CreateResource` (the POST /api/v1/resources body; PREVIEW in Scalekit's protos, `ClientService.CreateResource`). */
export const CREATE_RESOURCE: MessageSpec = { resource_type: field.enumOf(RESOURCE_TYPES), ...RESOURCE_FIELDS };

/** `UpdateResource` (the PATCH body): the keys present change, the others stay. */
export const UPDATE_RESOURCE: MessageSpec = {
  ...RESOURCE_FIELDS,
  custom_connection_settings: field.refused("bring-your-own-auth connection settings are not modelled by the emulator"),
};
