/** Sent as the User-Agent product version; keep in step with package.json. */
export const PACKAGE_VERSION = "0.1.0";
