/**
 * Why a tenant to adopt cannot ask for a portal link: Scalekit never returns an existing link (and a
 * link lives a minute), so the `up` that adopts the tenant would mint a new one: a write.
 */
export const PORTAL_LINK_NOT_ADOPTABLE =
  "cannot be combined with adopt: Scalekit never returns an existing portal link, so adopting would mint a new one; " +
  "mint one when the IT admin needs it with `npx pulumi-scalekit portal-link <tenant>`, or add adminPortal once the tenant is adopted (after its first `up`, without adopt)";
