import { z } from "zod";

/** An id of a Scalekit organization (org_…), as organizations output it. */
export const organizationIdField = z.string().regex(/^org_[A-Za-z0-9]+$/, "must be a Scalekit organization id (org_…), e.g. an Organization's organizationId output");

/** An absolute https URL; plain http only for loopback hosts (local IdPs and the emulator). */
export const secureUrlField = z
  .string()
  .trim()
  .refine((value) => {
    try {
      const url = new URL(value);
      return url.protocol === "https:" || (url.protocol === "http:" && /^(localhost|127(\.\d{1,3}){3}|\[::1\])$/.test(url.hostname));
    } catch {
      return false;
    }
  }, "must be an absolute https:// URL (http is accepted only for localhost)");
