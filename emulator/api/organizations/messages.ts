import { field, type MessageSpec } from "../../http/wire-message";
import { FEATURE_NAMES } from "./record";

/** `CreateOrganization` (the POST body). `region_code` is a PREVIEW field of the message. */
export const CREATE_ORGANIZATION: MessageSpec = {
  display_name: field.string(),
  region_code: field.enumOf(["US", "EU"]),
  external_id: field.string(),
  metadata: field.map(),
  slug: field.string(),
  logo_url: field.string(),
};

/** `UpdateOrganization` (the PATCH body): every field optional, region code not changeable. */
export const UPDATE_ORGANIZATION: MessageSpec = {
  display_name: field.string(),
  external_id: field.string(),
  metadata: field.map(),
  slug: field.string(),
  logo_url: field.string(),
};

/** `OrganizationSettings` (the settings PATCH body). */
export const ORGANIZATION_SETTINGS: MessageSpec = {
  features: field.repeated(
    field.message({
      name: field.enumOf(FEATURE_NAMES),
      enabled: field.bool(),
    }),
  ),
};
