/**
 * Builds a request path with every interpolated parameter percent-encoded, so an id can never add a
 * path segment or a query: path`/api/v1/organizations/${id}/domains/${domainId}`.
 */
export function path(strings: TemplateStringsArray, ...params: string[]): string {
  return strings.reduce((out, literal, index) => {
    if (index === 0) return literal;
    return out + encodePathParameter(params[index - 1]) + literal;
  }, "");
}

function encodePathParameter(value: string): string {
  if (typeof value !== "string" || value === "" || value === "." || value === "..") {
    throw new Error(`invalid path parameter ${JSON.stringify(value)}`);
  }
  return encodeURIComponent(value);
}

/** A query string from defined values; arrays repeat the key (features=sso&features=dir_sync). */
export function query(params: Record<string, string | number | boolean | ReadonlyArray<string> | undefined>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value === undefined) continue;
    if (Array.isArray(value)) value.forEach((item) => search.append(key, item));
    else search.append(key, String(value));
  }
  const text = search.toString();
  return text ? `?${text}` : "";
}
