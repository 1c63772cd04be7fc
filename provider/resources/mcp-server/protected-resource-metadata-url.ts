/** RFC 9728 §3.1: `{origin}/.well-known/oauth-protected-resource{path}` of the server URL. */
export function protectedResourceMetadataUrl(serverUrl: string): string {
  const url = new URL(serverUrl);
  const path = url.pathname === "/" ? "" : url.pathname.replace(/\/$/, "");
  return `${url.origin}/.well-known/oauth-protected-resource${path}`;
}
